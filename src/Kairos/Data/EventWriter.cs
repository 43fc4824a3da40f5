using System.Globalization;
using System.Text.Json;
using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>Writes events as JSON Lines or CSV. Numbers use the shortest round-trip ("R") invariant format, so
/// reading the file back gives bit-identical doubles. Kinds are written lower-case; <c>value</c> only when present
/// (JSON Lines) or as an empty field (CSV).</summary>
public static class EventWriter
{
    public const string CsvHeader = "user,time,kind,mark,value";

    public static void Write(TextWriter writer, EventFileFormat format, IEnumerable<EventRecord> events)
    {
        if (format == EventFileFormat.Csv) writer.Write(CsvHeader + "\n");
        foreach (var r in events)
            writer.Write((format == EventFileFormat.Csv ? CsvLine(r) : JsonLine(r)) + "\n");
    }

    public static string JsonLine(EventRecord r)
    {
        var e = r.Event;
        string line = $"{{\"user\":{JsonSerializer.Serialize(r.User)},\"time\":{Fmt(e.Time)},\"kind\":\"{Kind(e.Kind)}\",\"mark\":{e.Mark.ToString(CultureInfo.InvariantCulture)}";
        return e.Value is { } v ? line + $",\"value\":{Fmt(v)}}}" : line + "}";
    }

    public static string CsvLine(EventRecord r)
    {
        var e = r.Event;
        return string.Join(',', Quote(r.User), Fmt(e.Time), Kind(e.Kind), e.Mark.ToString(CultureInfo.InvariantCulture),
            e.Value is { } v ? Fmt(v) : "");
    }

    public static string Kind(EventKind kind) => kind switch
    {
        EventKind.Action => "action",
        EventKind.Feedback => "feedback",
        EventKind.Opportunity => "opportunity",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind."),
    };

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 && field.Trim().Length == field.Length
            ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    private static string Fmt(double v)
    {
        // JSON has no NaN/∞; files we write must be files we can read back.
        if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(nameof(v), v, $"Cannot write a non-finite number {v.ToString(CultureInfo.InvariantCulture)} to an event file.");
        return v.ToString("R", CultureInfo.InvariantCulture);
    }
}
