using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>Streams rows from CSV: a header row naming the columns (user, time, kind, mark, value, id, context,
/// start, end, propensity; any order, case-insensitive; only <c>time</c> is required, or <c>start</c> and <c>end</c> for a file of
/// windows only; other columns are ignored), then one row per line. An event row has a time; a window row has kind
/// <c>window</c>, start and end, and leaves the event fields empty. <c>context</c> is a vector of numbers separated by
/// semicolons (<c>0.5;1;-2</c>). Times, starts and ends are numbers or ISO-8601 timestamps (see <see cref="TimeUnit"/>). Fields may be quoted RFC 4180 style (<c>"a,b"</c>, <c>"say ""hi"""</c>); a quoted
/// field cannot span lines. Blank lines are skipped; an empty file has no rows. Memory is constant in the number of
/// rows.</summary>
public static class CsvEventReader
{
    private static readonly string[] Known = ["user", "time", "kind", "mark", "value", "id", "context", "start", "end", "propensity"];
    private static readonly string[] EventOnly = ["time", "mark", "value", "id", "context", "propensity"];
    private static readonly string[] WindowOnly = ["start", "end"];

    public static IEnumerable<EventFileRow> Read(TextReader reader, string source, TimeUnit timeUnit = TimeUnit.Seconds)
    {
        var rules = new EventFieldRules(source, timeUnit);
        long lineNumber = 0;
        string? line;
        Dictionary<string, int>? columns = null;
        int width = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = Split(line, lineNumber, rules);
            if (columns is null)
            {
                columns = Header(fields, lineNumber, rules);
                width = fields.Count;
                continue;
            }
            if (fields.Count != width)
                throw rules.Error(lineNumber, $"expected {CountText.Of(width, "field")} as in the header, got {fields.Count}.");
            yield return ParseRow(fields, columns, lineNumber, rules);
        }
    }

    private static Dictionary<string, int> Header(List<string> fields, long line, EventFieldRules rules)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < fields.Count; i++)
        {
            string name = fields[i].Trim().ToLowerInvariant();
            if (!Known.Contains(name)) continue;
            if (!columns.TryAdd(name, i))
                throw rules.Error(line, $"header: column '{name}' appears twice.");
        }
        if (!columns.ContainsKey("time") && !(columns.ContainsKey("start") && columns.ContainsKey("end")))
            throw rules.Error(line, $"header: no 'time' column (got '{string.Join(",", fields)}'); the first " +
                "non-blank line must name the columns, e.g. user,time,kind,mark (or user,kind,start,end for windows only).");
        return columns;
    }

    private static EventFileRow ParseRow(List<string> f, Dictionary<string, int> columns, long line, EventFieldRules rules)
    {
        string? Get(string name) =>
            columns.TryGetValue(name, out int i) && f[i].Trim().Length > 0 ? f[i].Trim() : null;
        double Number(string field, string text) => EventFieldRules.TryParseDouble(text, out double v)
            ? v : throw rules.FieldError(line, field, $"must be a number, got '{text}'.");
        void Refuse(string[] names, string why)
        {
            foreach (var name in names)
                if (Get(name) is not null) throw rules.FieldError(line, name, $"not allowed here: {why}.");
        }

        string user = columns.TryGetValue("user", out int u) && f[u].Length > 0 ? f[u] : EventFieldRules.DefaultUser;
        string? kindText = Get("kind");
        if (EventFieldRules.IsWindow(kindText))
        {
            Refuse(EventOnly, "a window row (kind window) has only user, start and end");
            string startText = Get("start") ?? throw rules.FieldError(line, "start", "missing; a window row needs start and end.");
            string endText = Get("end") ?? throw rules.FieldError(line, "end", "missing; a window row needs start and end.");
            return new WindowRecord(user, rules.Window(line, rules.TimeText(line, "start", startText), rules.TimeText(line, "end", endText)), line);
        }
        var kind = rules.Kind(line, kindText);
        Refuse(WindowOnly, "only window rows (kind window) take start and end");
        string timeText = Get("time") ?? throw rules.FieldError(line, "time", "missing; every event needs a time.");
        double time = rules.Time(line, user, rules.TimeText(line, "time", timeText));
        int mark = 0;
        if (Get("mark") is { } markText && !int.TryParse(markText, System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out mark))
            throw rules.FieldError(line, "mark", $"must be an integer, got '{markText}'.");
        double? value = Get("value") is { } valueText ? rules.Value(line, Number("value", valueText)) : null;
        string? id = columns.TryGetValue("id", out int idColumn) && f[idColumn].Length > 0 ? f[idColumn] : null;
        double[]? context = Get("context") is { } contextText ? rules.Context(line, Vector(contextText, line, rules)) : null;
        double? propensity = Get("propensity") is { } pText ? rules.Propensity(line, kind, Number("propensity", pText)) : null;
        return new EventRecord(user, new Event(time, kind, mark, value, id, context), line, propensity);
    }

    /// <summary>A semicolon-separated vector, e.g. <c>0.5;1;-2</c>.</summary>
    private static double[] Vector(string text, long line, EventFieldRules rules)
    {
        var parts = text.Split(';');
        var v = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!EventFieldRules.TryParseDouble(parts[i], out v[i]))
                throw rules.FieldError(line, "context", $"element {i + 1} must be a number, got '{parts[i]}' (separate the numbers with ';', e.g. 0.5;1;-2).");
        return v;
    }

    /// <summary>Splits one line into fields, RFC 4180 style (quotes doubled inside quoted fields).</summary>
    internal static List<string> Split(string line, long lineNumber, EventFieldRules rules)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        int i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw rules.Error(lineNumber, "malformed CSV: unterminated quoted field (fields cannot span lines).");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                    throw rules.Error(lineNumber, $"malformed CSV: unexpected character '{line[i]}' after a closing quote at column {i + 1}.");
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"')
                        throw rules.Error(lineNumber, $"malformed CSV: stray quote at column {i + 1}; quote the whole field.");
                    sb.Append(line[i++]);
                }
            }
            fields.Add(sb.ToString());
            if (i >= line.Length) return fields;
            i++; // the comma
        }
    }
}
