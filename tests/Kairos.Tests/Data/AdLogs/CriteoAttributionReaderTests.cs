using Kairos.Data.AdLogs;
using Kairos.PointProcesses;
using Xunit;

namespace Kairos.Tests.Data.AdLogs;

public sealed class CriteoAttributionReaderTests
{
    private const string Header = "timestamp,uid,campaign,conversion,conversion_timestamp,conversion_id,attribution,click,click_pos,click_nb,cost,cpo,time_since_last_click,cat1\n";

    [Fact]
    public void Impressions_become_decisions_without_propensity_and_clicks_conversions_feedback()
    {
        string text = Header +
            "0,u1,100,1,50,c1,1,1,0,1,0.002,0.5,-1,7\n" +
            "10,u1,200,1,50,c1,0,0,-1,-1,0.003,0.5,-1,7\n" +
            "20,u2,100,0,-1,-1,0,0,-1,-1,0.001,0.2,-1,7\n";
        var log = CriteoAttributionReader.Read(new StringReader(text), "criteo.csv");
        Assert.Equal(2, log.AdCount);
        Assert.Equal(["100", "200"], log.Names.Ads);
        Assert.False(log.HasPropensities);
        var u1 = log.Users.Single(u => u.User == "u1");
        Assert.Equal(2, u1.Decisions.Count);
        Assert.Equal([1, 2], new[] { u1.DecisionMark(0), u1.DecisionMark(1) });
        Assert.Single(u1.Events, e => e.Kind == EventKind.Feedback && e.Mark == AdMarks.Click);
        var conversion = Assert.Single(u1.Events, e => e.Kind == EventKind.Feedback && e.Mark == AdMarks.Conversion);
        Assert.Equal(new Event(50, EventKind.Feedback, AdMarks.Conversion, 0.5), conversion);
        Assert.Equal(0.5 - 0.005, u1.Utility(), 12);
        Assert.Equal(new ObservationWindow(0, 50), u1.Window);
    }

    [Theory]
    [InlineData("timestamp,uid\n0,u1\n", "criteo.csv:1: header: missing column(s) campaign")]
    [InlineData(Header + "x,u1,100,0,-1,-1,0,0,-1,-1,0.002,0.5,-1,7\n", "criteo.csv:2: field 'timestamp': must be a finite number, got 'x'")]
    [InlineData(Header + "5,u1,100,2,-1,-1,0,0,-1,-1,0.002,0.5,-1,7\n", "criteo.csv:2: field 'conversion': must be 0 or 1, got 2")]
    [InlineData(Header + "5,u1,100,1,3,c,0,0,-1,-1,0.002,0.5,-1,7\n", "criteo.csv:2: field 'conversion_timestamp': 3 is before")]
    public void Bad_rows_name_the_line_and_field(string text, string expected)
    {
        var e = Assert.Throws<UserInputException>(() => CriteoAttributionReader.Read(new StringReader(text), "criteo.csv"));
        Assert.Contains(expected, e.Message);
    }
}
