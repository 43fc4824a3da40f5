using System.Globalization;

namespace Kairos.Data.Duolingo;

/// <summary>
/// Streaming reader of the Duolingo half-life-regression CSV (header row naming the 12 columns of
/// <see cref="DuolingoHlrFormat.Columns"/> in any order; extra columns are ignored). Reads one line at a time, so
/// memory stays constant for the full 13-million-row file. Every problem is a <see cref="UserInputException"/>
/// naming the file, line and column.
/// </summary>
public static class DuolingoHlrReader
{
    private const int ProgressEvery = 20000;

    /// <summary>Reads a file lazily; reports progress in bytes (of the file's length) to <paramref name="progress"/>.</summary>
    public static IEnumerable<DuolingoRecord> ReadFile(string path, IProgressSink? progress = null)
    {
        InputPaths.RequireFile(null, path, "Duolingo HLR CSV file");
        return ReadFileCore(path, progress);
    }

    private static IEnumerable<DuolingoRecord> ReadFileCore(string path, IProgressSink? progress)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new StreamReader(stream);
        long line = 0;
        foreach (var record in Read(reader, path))
        {
            if (progress is not null && ++line % ProgressEvery == 0) progress.Report(stream.Position);
            yield return record;
        }
        progress?.Report(stream.Length);
    }

    /// <summary>Reads records lazily from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static IEnumerable<DuolingoRecord> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? header = reader.ReadLine();
        if (header is null) throw new UserInputException($"{source}: the file is empty; expected a header row with {Expected()}");
        var index = MapHeader(SplitCsv(header.TrimStart('\uFEFF'), source, 1), source);
        long lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            yield return Parse(SplitCsv(line, source, lineNumber), index, source, lineNumber);
        }
    }

    private static string Expected() => string.Join(",", DuolingoHlrFormat.Columns);

    private static int[] MapHeader(List<string> header, string source)
    {
        var index = new int[DuolingoHlrFormat.Columns.Count];
        var missing = new List<string>();
        for (int c = 0; c < index.Length; c++)
        {
            index[c] = header.FindIndex(h => string.Equals(h.Trim(), DuolingoHlrFormat.Columns[c], StringComparison.OrdinalIgnoreCase));
            if (index[c] < 0) missing.Add(DuolingoHlrFormat.Columns[c]);
        }
        if (missing.Count > 0)
            throw new UserInputException($"{source}:1: header lacks column(s) {string.Join(", ", missing)}; expected {Expected()}");
        return index;
    }

    private static DuolingoRecord Parse(List<string> f, int[] ix, string source, long line)
    {
        int needed = ix.Max() + 1;
        if (f.Count < needed)
            throw new UserInputException($"{source}:{line}: expected at least {CountText.Of(needed, "field")}, found {f.Count}");
        string Field(int c) => f[ix[c]];
        double pRecall = Double(Field(0), "p_recall", source, line);
        if (pRecall is < 0 or > 1) throw Bad(source, line, "p_recall", Field(0), "a probability in [0, 1]");
        long timestamp = Long(Field(1), "timestamp", source, line);
        double delta = Double(Field(2), "delta", source, line);
        if (delta < 0) throw Bad(source, line, "delta", Field(2), "seconds >= 0");
        int hs = Count(Field(8), "history_seen", source, line), hc = Count(Field(9), "history_correct", source, line);
        int ss = Count(Field(10), "session_seen", source, line), sc = Count(Field(11), "session_correct", source, line);
        if (hc > hs) throw Bad(source, line, "history_correct", Field(9), $"at most history_seen ({hs})");
        if (ss < 1) throw Bad(source, line, "session_seen", Field(10), "at least 1");
        if (sc > ss) throw Bad(source, line, "session_correct", Field(11), $"at most session_seen ({ss})");
        return new DuolingoRecord(pRecall, timestamp, delta, Field(3), Field(4), Field(5), Field(6), Field(7),
            hs, hc, ss, sc, line);
    }

    private static double Double(string s, string column, string source, long line) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw Bad(source, line, column, s, "a finite number");

    private static long Long(string s, string column, string source, long line) =>
        long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15
                ? (long)d : throw Bad(source, line, column, s, "an integer");

    private static int Count(string s, string column, string source, long line)
    {
        long v = Long(s, column, source, line);
        return v is >= 0 and <= int.MaxValue ? (int)v : throw Bad(source, line, column, s, "a count >= 0");
    }

    private static UserInputException Bad(string source, long line, string column, string value, string expected) =>
        new($"{source}:{line}: column '{column}' is '{value}', expected {expected}");

    /// <summary>Splits one CSV line (RFC 4180 quotes, no embedded newlines).</summary>
    internal static List<string> SplitCsv(string line, string source, long lineNumber)
    {
        if (line.IndexOf('"') < 0) return new List<string>(line.Split(','));   // the public file never quotes
        var fields = new List<string>(12);
        var sb = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch != '"') sb.Append(ch);
                else if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(ch);
        }
        if (quoted) throw new UserInputException($"{source}:{lineNumber}: unterminated quoted field");
        fields.Add(sb.ToString());
        return fields;
    }
}
