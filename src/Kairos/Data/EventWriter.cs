using System.Globalization;
using System.Text.Json;
using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>Writes event-file rows as JSON Lines or CSV. Numbers use the shortest round-trip ("R") invariant format,
/// so reading the file back gives bit-identical doubles. Kinds are written lower-case; optional fields (value, id,
/// context) only when present (JSON Lines) or as empty fields (CSV). A window row is
/// <c>{"user":"u1","kind":"window","start":0,"end":500}</c>, in CSV <c>u1,,window,,,,,0,500</c>.</summary>
public static class EventWriter
{
    public const string CsvHeader = "user,time,kind,mark,value,id,context,start,end";

    public static void Write(TextWriter writer, EventFileFormat format, IEnumerable<EventFileRow> rows)
    {
        if (format == EventFileFormat.Csv) writer.Write(CsvHeader + "\n");
        foreach (var r in rows)
            writer.Write((format == EventFileFormat.Csv ? CsvLine(r) : JsonLine(r)) + "\n");
    }

    public static string JsonLine(EventFileRow row)
    {
        string user = $"{{\"user\":{JsonSerializer.Serialize(row.User)}";
        if (row is WindowRecord w)
            return user + $",\"kind\":\"{EventFieldRules.WindowKind}\",\"start\":{Fmt(w.Window.Start)},\"end\":{Fmt(w.Window.End)}}}";
        var e = ((EventRecord)row).Event;
        var sb = new System.Text.StringBuilder(user);
        sb.Append($",\"time\":{Fmt(e.Time)},\"kind\":\"{Kind(e.Kind)}\",\"mark\":{e.Mark.ToString(CultureInfo.InvariantCulture)}");
        if (e.Value is { } v) sb.Append($",\"value\":{Fmt(v)}");
        if (e.Id is { } id) sb.Append($",\"id\":{JsonSerializer.Serialize(Id(id))}");
        if (e.Context is { Length: > 0 } c) sb.Append($",\"context\":[{string.Join(',', c.Select(Fmt))}]");
        if (((EventRecord)row).Propensity is { } p) sb.Append($",\"propensity\":{Fmt(p)}");
        return sb.Append('}').ToString();
    }

    public static string CsvLine(EventFileRow row)
    {
        if (row is WindowRecord w)
            return string.Join(',', Quote(w.User), "", EventFieldRules.WindowKind, "", "", "", "", Fmt(w.Window.Start), Fmt(w.Window.End));
        var e = ((EventRecord)row).Event;
        return string.Join(',', Quote(row.User), Fmt(e.Time), Kind(e.Kind), e.Mark.ToString(CultureInfo.InvariantCulture),
            e.Value is { } v ? Fmt(v) : "", e.Id is { } id ? Quote(Id(id)) : "",
            e.Context is { } c ? string.Join(';', c.Select(Fmt)) : "", "", "");
    }

    public static string Kind(EventKind kind) => kind switch
    {
        EventKind.Action => "action",
        EventKind.Feedback => "feedback",
        EventKind.Opportunity => "opportunity",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown event kind."),
    };

    // An empty id reads back as "no id"; refuse to write one rather than change the data.
    private static string Id(string id) =>
        id.Length > 0 ? id : throw new ArgumentException("Cannot write an empty event id; use null for no id.", nameof(id));

    internal static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 && field.Trim().Length == field.Length
            ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    internal static string Fmt(double v)
    {
        // JSON has no NaN/∞; files we write must be files we can read back.
        if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(nameof(v), v, $"Cannot write a non-finite number {v.ToString(CultureInfo.InvariantCulture)} to an event file.");
        return v.ToString("R", CultureInfo.InvariantCulture);
    }
}
