using System.Globalization;

namespace Kairos.Data.Anki;

/// <summary>
/// Reader of Anki/FSRS review logs in py-fsrs's CSV layout: a header naming <c>card_id,review_rating,review_time,
/// review_duration</c> (any order, extra columns ignored), then one review per line with an integer card id, a rating
/// 1–4, an ISO-8601 time with offset and a duration in ms (≥ 0, may be empty). Every problem is a
/// <see cref="UserInputException"/> naming file:line and the column.
/// </summary>
public static class ReviewLogReader
{
    public static readonly IReadOnlyList<string> Columns = ["card_id", "review_rating", "review_time", "review_duration"];

    /// <summary>Reads a review log: Parquet (<see cref="ReviewLogParquetReader"/>) when the name ends in .parquet,
    /// else CSV. <paramref name="dayStartHour"/> places the srs-benchmark Parquet layout's day offsets in time.</summary>
    public static IReadOnlyList<ReviewLogRecord> ReadFile(string path, double dayStartHour = 4)
    {
        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)) return ReviewLogParquetReader.ReadFile(path, dayStartHour);
        InputPaths.RequireFile(null, path, "review log", $"pass a CSV with columns {string.Join(",", Columns)}");
        using var reader = new StreamReader(path);
        return Read(reader, path).ToList();
    }

    public static IEnumerable<ReviewLogRecord> Read(TextReader reader, string source)
    {
        string? header = reader.ReadLine();
        if (header is null) throw new UserInputException($"{source}:1: the file is empty; expected the header {string.Join(",", Columns)}");
        var names = header.TrimStart('\uFEFF').Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList();
        var index = Columns.Select(c => names.IndexOf(c)).ToArray();
        var missing = Columns.Where((c, i) => index[i] < 0).ToList();
        if (missing.Count > 0) throw new UserInputException($"{source}:1: the header lacks column(s) {string.Join(", ", missing)}; expected {string.Join(",", Columns)}");
        long lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length < names.Count)
                throw new UserInputException($"{source}:{lineNumber}: {CountText.Of(f.Length, "field")}, the header has {names.Count}");
            string Field(int c) => f[index[c]].Trim();
            UserInputException Bad(int c, string why) => new($"{source}:{lineNumber}: column {Columns[c]}: '{Field(c)}' {why}");
            if (!long.TryParse(Field(0), NumberStyles.Integer, CultureInfo.InvariantCulture, out long card)) throw Bad(0, "is not an integer card id");
            if (!int.TryParse(Field(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out int rating) || rating is < 1 or > 4)
                throw Bad(1, "is not a rating 1-4 (1 = Again, 2 = Hard, 3 = Good, 4 = Easy)");
            if (!DateTimeOffset.TryParse(Field(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                throw Bad(2, "is not an ISO-8601 time (e.g. 2024-03-29T20:32:32.250000+00:00)");
            double duration = 0;
            if (Field(3).Length > 0 && !(double.TryParse(Field(3), NumberStyles.Float, CultureInfo.InvariantCulture, out duration) && duration >= 0 && double.IsFinite(duration)))
                throw Bad(3, "is not a duration in ms (a number >= 0)");
            yield return new ReviewLogRecord(card, rating, time, duration);
        }
    }
}
