using Kairos.Data;

namespace Kairos.Tests.Data;

/// <summary>ISO-8601 timestamps on the time axis (time, start, end), converted to the chosen unit since the epoch.</summary>
public class EventTimestampTests
{
    private static readonly DateTimeOffset May1 = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private static EventDataSet Build(string text, EventFileFormat format, TimeUnit unit) =>
        EventDataSetBuilder.Build(EventFiles.Read(new StringReader(text), format, "f.txt", unit), "f.txt");

    [Theory]
    [InlineData(TimeUnit.Seconds)]
    [InlineData(TimeUnit.Minutes)]
    [InlineData(TimeUnit.Hours)]
    [InlineData(TimeUnit.Days)]
    public void Read_IsoTimestampsWithAndWithoutOffset_AreUnitsSinceTheEpoch(TimeUnit unit)
    {
        const string json = "{\"user\":\"a\",\"kind\":\"window\",\"start\":\"2024-05-01\",\"end\":\"2024-05-02T00:00:00Z\"}\n" +
                            "{\"user\":\"a\",\"time\":\"2024-05-01T08:30:00+02:00\"}\n{\"user\":\"a\",\"time\":\"2024-05-01 12:00:00.25\"}\n";
        const string csv = "user,time,kind,start,end\na,,window,2024-05-01,2024-05-02T00:00:00Z\na,2024-05-01T08:30:00+02:00,,,\n" +
                           "a,2024-05-01 12:00:00.25,,,\n";
        double Units(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).TotalSeconds / unit.Seconds();
        foreach (var data in new[] { Build(json, EventFileFormat.JsonLines, unit), Build(csv, EventFileFormat.Csv, unit) })
        {
            var log = Assert.Single(data);
            Assert.Equal(Units(May1), log.Window.Start, Units(May1) * 1e-15);
            Assert.Equal(Units(May1.AddDays(1)), log.Window.End, Units(May1) * 1e-15);
            Assert.Equal(6.5 * 3600 / unit.Seconds(), log.RelativeTimes()[0], 1e-6 / unit.Seconds());
            Assert.Equal(12.000_069_444 * 3600 / unit.Seconds(), log.RelativeTimes()[1], 1e-5 / unit.Seconds());
        }
    }

    [Theory]
    [InlineData("{\"time\":\"2024-13-01\"}", EventFileFormat.JsonLines, "f.txt:1: field 'time': must be a number or an ISO-8601 timestamp")]
    [InlineData("{\"time\":\"05/01/2024\"}", EventFileFormat.JsonLines, "f.txt:1: field 'time': must be a number or an ISO-8601 timestamp")]
    [InlineData("{\"time\":\"1969-12-31T23:59:59Z\"}", EventFileFormat.JsonLines, "f.txt:1: field 'time': must be >= 0, got -1")]
    [InlineData("user,kind,start,end\na,window,2024-05-01,yesterday", EventFileFormat.Csv, "f.txt:2: field 'end': must be a number or an ISO-8601 timestamp (e.g. 2024-05-01T12:30:00Z), got 'yesterday'")]
    public void Read_BadTimestamp_NamesFileLineAndField(string text, EventFileFormat format, string expected) =>
        Assert.StartsWith(expected, Assert.Throws<UserInputException>(() => Build(text, format, TimeUnit.Seconds)).Message);

    [Fact]
    public void TimeUnits_ParseNames_CaseInsensitive()
    {
        Assert.Equal(TimeUnit.Days, TimeUnits.Parse(" Days"));
        Assert.Null(TimeUnits.Parse("weeks"));
        Assert.Equal(["seconds", "minutes", "hours", "days"], Enum.GetValues<TimeUnit>().Select(u => u.Name()));
    }
}
