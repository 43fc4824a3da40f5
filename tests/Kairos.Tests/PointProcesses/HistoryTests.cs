using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

public class HistoryTests
{
    [Theory]
    [InlineData(double.NaN, "finite and >= 0")]
    [InlineData(double.PositiveInfinity, "finite and >= 0")]
    [InlineData(-0.5, "finite and >= 0")]
    [InlineData(1.0, "earlier than the previous event's time 2")]
    public void Add_BadTime_ThrowsNamingTheEventAndUser(double time, string why)
    {
        // Given a history of user 'ann' with events at 0 and 2
        var h = new History([new Event(0), new Event(2, EventKind.Feedback, 3)], "ann");
        // When appending a bad time, then the error names the event number, its kind/mark, the user and the reason
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => h.Add(new Event(time, EventKind.Opportunity, 7)));
        Assert.Contains("Event #3", e.Message);
        Assert.Contains("Opportunity(", e.Message);
        Assert.Contains("mark=7", e.Message);
        Assert.Contains("user 'ann'", e.Message);
        Assert.Contains(why, e.Message);
        Assert.Equal(2, h.Count);   // and the history is unchanged
    }

    [Fact]
    public void Add_TiesAndEmpty_KeepInsertionOrder()
    {
        var h = new History();
        Assert.Equal(0, h.LastTime);
        Assert.Empty(h.Times());
        h.Add(new Event(1, EventKind.Action, 1));
        h.Add(new Event(1, EventKind.Feedback, 2));
        h.Add(new Event(3, EventKind.Action, 1));
        Assert.Equal([1.0, 1.0, 3.0], h.Times());
        Assert.Equal([1.0, 3.0], h.Times(EventKind.Action, 1));
        Assert.Equal(EventKind.Feedback, h[1].Kind);
        Assert.Equal(3, h.LastTime);
    }
}
