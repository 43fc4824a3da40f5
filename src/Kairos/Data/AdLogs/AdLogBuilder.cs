using Kairos.PointProcesses;

namespace Kairos.Data.AdLogs;

/// <summary>
/// Assembles event-file rows into an <see cref="AdLogSet"/>, checking the log contract: every opportunity is
/// followed, in the same user's rows, by exactly one action row at the same time (mark 0 = no ad, 1..m = ad);
/// action rows answer an opportunity; propensities are on every action row or on none; marks are within the names.
/// Windows follow the event-file rules (<see cref="EventDataSetBuilder"/>). Every problem is a
/// <see cref="UserInputException"/> naming file:line (file:row for Parquet, rows counted from 1).
/// </summary>
public static class AdLogBuilder
{
    /// <param name="rows">The rows, in file order.</param>
    /// <param name="source">The file, for messages.</param>
    /// <param name="names">Mark names (a sidecar); null: the default feedback names and m = the largest action mark.</param>
    public static AdLogSet Build(IEnumerable<EventFileRow> rows, string source, AdMarkNames? names = null)
    {
        var list = rows as IReadOnlyList<EventFileRow> ?? rows.ToList();
        string At(long line) => $"{source}:{line}";
        var pending = new Dictionary<string, EventRecord>(StringComparer.Ordinal);
        var propensities = new Dictionary<string, List<double?>>(StringComparer.Ordinal);
        EventRecord? withPropensity = null, withoutPropensity = null;
        int maxAd = 0;
        foreach (var row in list)
        {
            if (row is not EventRecord r) continue;
            var e = r.Event;
            if (pending.Remove(r.User, out var opportunity) && !(e.Kind == EventKind.Action && e.Time == opportunity.Event.Time))
                throw new UserInputException($"{At(opportunity.Line)}: the opportunity at time {F(opportunity.Event.Time)} of user " +
                    $"'{r.User}' is not followed by its action row (kind action, same time, mark 0 for no ad); the user's next row " +
                    $"(line {r.Line}) is a {EventWriter.Kind(e.Kind)} at {F(e.Time)}.");
            switch (e.Kind)
            {
                case EventKind.Opportunity:
                    pending[r.User] = r;
                    break;
                case EventKind.Action:
                    if (opportunity is null)
                        throw new UserInputException($"{At(r.Line)}: an action row of user '{r.User}' at time {F(e.Time)} answers no " +
                            "opportunity; every action follows its opportunity row at the same time.");
                    if (e.Mark < 0 || names is not null && e.Mark > names.AdCount)
                        throw new UserInputException($"{At(r.Line)}: field 'mark': the decision {e.Mark} is outside [0, " +
                            $"{(names is null ? "m" : names.AdCount.ToString(System.Globalization.CultureInfo.InvariantCulture))}] (0 = no ad, k = ad k).");
                    if (e.Value is { } cost && cost < 0)
                        throw new UserInputException($"{At(r.Line)}: field 'value': an action's cost must be >= 0, got {F(cost)}.");
                    maxAd = Math.Max(maxAd, e.Mark);
                    if (r.Propensity is null) withoutPropensity ??= r; else withPropensity ??= r;
                    if (withPropensity is not null && withoutPropensity is not null)
                        throw new UserInputException($"{At(Math.Max(withPropensity.Line, withoutPropensity.Line))}: field 'propensity': " +
                            $"missing here but given on line {Math.Min(withPropensity.Line, withoutPropensity.Line)} (or the other way " +
                            "round); give the logging policy's probability on every action row or on none.");
                    if (!propensities.TryGetValue(r.User, out var p)) propensities[r.User] = p = new List<double?>();
                    p.Add(r.Propensity);
                    break;
                default:
                    if (e.Mark < 0 || names is not null && e.Mark >= names.Feedback.Count)
                        throw new UserInputException($"{At(r.Line)}: field 'mark': feedback mark {e.Mark} is outside [0, " +
                            $"{(names?.Feedback.Count ?? int.MaxValue) - 1}]{(names is null ? "" : $" ({string.Join(", ", names.Feedback)})")}.");
                    break;
            }
        }
        if (pending.Values.OrderBy(o => o.Line).FirstOrDefault() is { } open)
            throw new UserInputException($"{At(open.Line)}: the opportunity at time {F(open.Event.Time)} of user '{open.User}' has " +
                "no action row after it; add one (kind action, same time, mark 0 for no ad).");
        var data = EventDataSetBuilder.Build(list, source);
        var users = data.Select(u => new AdUserLog(u.User, u.Window, u.Events,
            propensities.TryGetValue(u.User, out var p) ? p : [])).ToList();
        return new AdLogSet(users, names ?? AdMarkNames.Default(Math.Max(1, maxAd)), source);
    }

    private static string F(double v) => EventFieldRules.Fmt(v);
}
