using System.Globalization;
using Kairos.PointProcesses;

namespace Kairos.Data.AdLogs;

/// <summary>Writes ad-log rows as CSV with the header <c>user,time,kind,mark,value,propensity,start,end</c>
/// (round-trip number format; empty fields for what a row does not have). <see cref="CsvEventReader"/> reads it.</summary>
public static class AdLogCsvWriter
{
    public const string Header = "user,time,kind,mark,value,propensity,start,end";

    public static void Write(TextWriter writer, IEnumerable<EventFileRow> rows)
    {
        writer.Write(Header + "\n");
        foreach (var row in rows) writer.Write(Line(row) + "\n");
    }

    public static string Line(EventFileRow row)
    {
        if (row is WindowRecord w)
            return string.Join(',', EventWriter.Quote(w.User), "", EventFieldRules.WindowKind, "", "", "",
                EventWriter.Fmt(w.Window.Start), EventWriter.Fmt(w.Window.End));
        var r = (EventRecord)row;
        var e = r.Event;
        return string.Join(',', EventWriter.Quote(r.User), EventWriter.Fmt(e.Time), EventWriter.Kind(e.Kind),
            e.Mark.ToString(CultureInfo.InvariantCulture), e.Value is { } v ? EventWriter.Fmt(v) : "",
            r.Propensity is { } p ? EventWriter.Fmt(p) : "", "", "");
    }
}
