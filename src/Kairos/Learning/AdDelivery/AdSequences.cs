using Kairos.Data;
using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;

namespace Kairos.Learning.AdDelivery;

/// <summary>User logs (event files with kinds feedback / opportunity / action) as the model's sequences, in time
/// relative to each user's window. The layout covers every mark seen: M = max(conversion mark + 1, largest feedback
/// mark + 1) feedback marks and D = max(1, largest decision) ads.</summary>
public static class AdSequences
{
    public static (AdModelLayout Layout, List<AdUserSequence> Users) FromLogs(EventDataSet data, int hidden, int conversionMark, string source)
    {
        int marks = conversionMark + 1, ads = 1;
        foreach (var log in data)
            foreach (var e in log.Events)
            {
                if (e.Mark < 0) throw new UserInputException($"{source}: user '{log.User}': {e} has a negative mark.");
                if (e.Kind == EventKind.Feedback) marks = Math.Max(marks, e.Mark + 1);
                if (e.Kind == EventKind.Action) ads = Math.Max(ads, e.Mark);
            }
        var layout = new AdModelLayout(hidden, marks, ads);
        var users = data.Select(log => new AdUserSequence(log.User,
            log.Events.Select(e => e with { Time = e.Time - log.Window.Start }).ToList(), log.Window.Duration, layout)).ToList();
        return (layout, users);
    }
}
