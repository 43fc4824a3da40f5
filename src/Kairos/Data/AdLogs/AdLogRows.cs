using Kairos.PointProcesses;

namespace Kairos.Data.AdLogs;

/// <summary>The rows of an ad log, to write it: per user the window row, then the events in order, action rows with
/// their propensity.</summary>
public static class AdLogRows
{
    public static IEnumerable<EventFileRow> Of(AdLogSet log) => log.Users.SelectMany(Of);

    public static IEnumerable<EventFileRow> Of(AdUserLog user)
    {
        yield return new WindowRecord(user.User, user.Window);
        int k = 0;
        foreach (var e in user.Events)
            yield return new EventRecord(user.User, e, 0, e.Kind == EventKind.Action ? user.Propensities[k++] : null);
    }
}
