using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>Streams events from CSV: a header row naming the columns (user, time, kind, mark, value; any order,
/// case-insensitive; only <c>time</c> is required; other columns are ignored), then one event per row. Fields may
/// be quoted RFC 4180 style (<c>"a,b"</c>, <c>"say ""hi"""</c>); a quoted field cannot span lines. Blank lines are
/// skipped; an empty file has no events. Memory is constant in the number of events.</summary>
public static class CsvEventReader
{
    private static readonly string[] Known = ["user", "time", "kind", "mark", "value"];

    public static IEnumerable<EventRecord> Read(TextReader reader, string source)
    {
        var rules = new EventFieldRules(source);
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
                throw rules.Error(lineNumber, $"expected {width} fields as in the header, got {fields.Count}.");
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
        if (!columns.ContainsKey("time"))
            throw rules.Error(line, $"header: no 'time' column (got '{string.Join(",", fields)}'); the first " +
                "non-blank line must name the columns, e.g. user,time,kind,mark.");
        return columns;
    }

    private static EventRecord ParseRow(List<string> f, Dictionary<string, int> columns, long line, EventFieldRules rules)
    {
        string? Get(string name) =>
            columns.TryGetValue(name, out int i) && f[i].Trim().Length > 0 ? f[i].Trim() : null;

        string user = columns.TryGetValue("user", out int u) && f[u].Length > 0 ? f[u] : EventFieldRules.DefaultUser;
        string timeText = Get("time") ?? throw rules.FieldError(line, "time", "missing; every event needs a time.");
        if (!EventFieldRules.TryParseDouble(timeText, out double time))
            throw rules.FieldError(line, "time", $"must be a number, got '{timeText}'.");
        rules.Time(line, user, time);
        var kind = rules.Kind(line, Get("kind"));
        int mark = 0;
        if (Get("mark") is { } markText && !int.TryParse(markText, System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out mark))
            throw rules.FieldError(line, "mark", $"must be an integer, got '{markText}'.");
        double? value = null;
        if (Get("value") is { } valueText)
        {
            if (!EventFieldRules.TryParseDouble(valueText, out double v))
                throw rules.FieldError(line, "value", $"must be a number, got '{valueText}'.");
            value = rules.Value(line, v);
        }
        return new EventRecord(user, new Event(time, kind, mark, value), line);
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
