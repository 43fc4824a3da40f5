using Kairos.Data;
using Kairos.Data.AdLogs;
using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;

namespace Kairos.Learning.AdDelivery;

/// <summary>User logs (kinds feedback / opportunity / action) as the model's sequences, in time relative to each
/// user's window. The layout covers every mark seen: M = max(conversion mark + 1, largest feedback mark + 1) feedback
/// marks and D = max(1, largest decision) ads (for an ad log, at least its named ads), and the exposure inputs' time
/// constants (default <see cref="AdModelLayout.DefaultExposureDecays"/>, in the log's time unit; empty for none).</summary>
public static class AdSequences
{
    public static (AdModelLayout Layout, List<AdUserSequence> Users) FromLogs(EventDataSet data, int hidden, int conversionMark, string source,
        IReadOnlyList<double>? exposureDecays = null) =>
        Build(data.Select(u => (u.User, u.Window, (IReadOnlyList<Event>)u.Events)).ToList(), hidden, conversionMark, 1, source, exposureDecays);

    /// <summary>An ad log (<see cref="AdLogFiles"/>): decisions are its action marks (0 = none, k = ad k).</summary>
    public static (AdModelLayout Layout, List<AdUserSequence> Users) FromAdLog(AdLogSet log, int hidden, int conversionMark,
        IReadOnlyList<double>? exposureDecays = null) =>
        Build(log.Users.Select(u => (u.User, u.Window, (IReadOnlyList<Event>)u.Events)).ToList(), hidden, conversionMark, log.AdCount, log.Source,
            exposureDecays);

    /// <summary>Mean logged cost (action-row value) of each ad 1..D, or null when no delivered ad carries one.</summary>
    public static double[]? MeanCosts(IEnumerable<AdUserSequence> users, int ads)
    {
        var sum = new double[ads];
        var count = new int[ads];
        foreach (var u in users)
            foreach (var e in u.Events)
                if (e is { Kind: EventKind.Action, Mark: > 0, Value: { } v }) { sum[e.Mark - 1] += v; count[e.Mark - 1]++; }
        if (count.Sum() == 0) return null;
        double overall = sum.Sum() / count.Sum();
        return sum.Select((s, d) => count[d] > 0 ? s / count[d] : overall).ToArray();
    }

    private static (AdModelLayout, List<AdUserSequence>) Build(IReadOnlyList<(string User, ObservationWindow Window, IReadOnlyList<Event> Events)> logs,
        int hidden, int conversionMark, int minAds, string source, IReadOnlyList<double>? exposureDecays)
    {
        int marks = conversionMark + 1, ads = Math.Max(1, minAds);
        foreach (var log in logs)
            foreach (var e in log.Events)
            {
                if (e.Mark < 0) throw new UserInputException($"{source}: user '{log.User}': {e} has a negative mark.");
                if (e.Kind == EventKind.Feedback) marks = Math.Max(marks, e.Mark + 1);
                if (e.Kind == EventKind.Action) ads = Math.Max(ads, e.Mark);
            }
        var layout = new AdModelLayout(hidden, marks, ads, exposureDecays ?? AdModelLayout.DefaultExposureDecays);
        var users = logs.Select(log => new AdUserSequence(log.User,
            log.Events.Select(e => e with { Time = e.Time - log.Window.Start }).ToList(), log.Window.Duration, layout)).ToList();
        return (layout, users);
    }
}
