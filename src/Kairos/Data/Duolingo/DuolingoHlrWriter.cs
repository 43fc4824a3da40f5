using System.Globalization;

namespace Kairos.Data.Duolingo;

/// <summary>Writes records in the Duolingo half-life-regression CSV format (header + one row per record).</summary>
public static class DuolingoHlrWriter
{
    public static void Write(TextWriter writer, IEnumerable<DuolingoRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(string.Join(",", DuolingoHlrFormat.Columns));
        foreach (var r in records)
            writer.WriteLine(string.Join(",",
                r.PRecall.ToString("R", CultureInfo.InvariantCulture), r.Timestamp.ToString(CultureInfo.InvariantCulture),
                r.DeltaSeconds.ToString("R", CultureInfo.InvariantCulture), Quote(r.UserId), Quote(r.LearningLanguage),
                Quote(r.UiLanguage), Quote(r.LexemeId), Quote(r.LexemeString),
                r.HistorySeen.ToString(CultureInfo.InvariantCulture), r.HistoryCorrect.ToString(CultureInfo.InvariantCulture),
                r.SessionSeen.ToString(CultureInfo.InvariantCulture), r.SessionCorrect.ToString(CultureInfo.InvariantCulture)));
    }

    public static void WriteFile(string path, IEnumerable<DuolingoRecord> records)
    {
        using var writer = new StreamWriter(path);
        Write(writer, records);
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
