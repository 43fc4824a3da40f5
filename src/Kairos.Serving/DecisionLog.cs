using System.Globalization;
using System.Text.Json;
using Kairos.Data;
using Kairos.PointProcesses;

namespace Kairos.Serving;

/// <summary>
/// Writes what the service saw and did in the ad-delivery log format: one row per event, columns
/// <c>user,time,kind,mark,value,propensity</c>. Feedback rows keep their mark and value. Every opportunity the
/// service decided is followed by one action row at the same time with mark = the decision (0 = none, k + 1 = act
/// with mark k) and its propensity. Actions reported by clients are action rows with mark k + 1 and no propensity.
/// Planned actions skipped as too late (<see cref="SkippedAction"/>) are left out: nothing was done.
/// </summary>
public static class DecisionLog
{
    public const string CsvHeader = "user,time,kind,mark,value,propensity";

    public sealed record Row(string User, double Time, EventKind Kind, int Mark, double? Value, double? Propensity);

    public static IEnumerable<Row> Rows(IEnumerable<(string User, StoredRecord Record)> records)
    {
        foreach (var (user, r) in records)
        {
            if (SkippedAction.Is(r)) continue;   // the service did nothing: a skipped plan is no event of the user's process
            switch (r.Kind)
            {
                case EventKind.Opportunity:
                    yield return new Row(user, r.Time, EventKind.Opportunity, 0, null, null);
                    if (r.IsDecision) yield return new Row(user, r.Time, EventKind.Action, r.Mark, null, r.Propensity);
                    break;
                case EventKind.Action:
                    yield return new Row(user, r.Time, EventKind.Action, r.Mark + 1, r.Value, null);
                    break;
                default:
                    yield return new Row(user, r.Time, r.Kind, r.Mark, r.Value, null);
                    break;
            }
        }
    }

    /// <summary>Writes the rows as CSV (with header) or JSON Lines; returns the number of rows.</summary>
    public static long Write(TextWriter w, IEnumerable<Row> rows, bool csv)
    {
        long n = 0;
        if (csv) w.Write(CsvHeader + "\n");
        foreach (var r in rows)
        {
            w.Write((csv ? Csv(r) : Json(r)) + "\n");
            n++;
        }
        return n;
    }

    private static string Csv(Row r) => string.Join(',', Quote(r.User), F(r.Time), EventKindNames.Name(r.Kind),
        r.Mark.ToString(CultureInfo.InvariantCulture), r.Value is { } v ? F(v) : "", r.Propensity is { } p ? F(p) : "");

    private static string Json(Row r) =>
        $"{{\"user\":{JsonSerializer.Serialize(r.User)},\"time\":{F(r.Time)},\"kind\":\"{EventKindNames.Name(r.Kind)}\",\"mark\":{r.Mark.ToString(CultureInfo.InvariantCulture)}" +
        (r.Value is { } v ? $",\"value\":{F(v)}" : "") + (r.Propensity is { } p ? $",\"propensity\":{F(p)}" : "") + "}";

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
