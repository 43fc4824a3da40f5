using System.Globalization;

namespace Kairos.Data.Anki;

/// <summary>
/// Reader of Anki/FSRS review logs in Parquet, in either of two layouts (column names case-insensitive, any order,
/// other columns ignored):
/// <list type="bullet">
/// <item>py-fsrs's, as the CSV reader: <c>card_id, review_rating, review_time, review_duration</c>, the time an
/// ISO-8601 string or a timestamp (UTC), the duration in ms (may be null);</item>
/// <item>srs-benchmark's: <c>card_id, day_offset, rating</c> and optionally <c>state, duration, elapsed_days,
/// elapsed_seconds</c>. It has no clock time, only the day of each review: a review on day d is placed at
/// <c>dayStartHour</c> UTC on day d (since 1970-01-01), plus one millisecond per earlier review of the same card that
/// day, so the day numbers and Δt that FSRS uses are exactly the file's. When elapsed_days is present it must equal
/// the difference of the card's day offsets (−1 or null for its first review).</item>
/// </list>
/// Every problem is a <see cref="UserInputException"/> naming file:row (rows counted from 1 over all row groups) and
/// the column.
/// </summary>
public static class ReviewLogParquetReader
{
    public static readonly IReadOnlyList<string> BenchmarkColumns = ["card_id", "day_offset", "rating"];

    public static IReadOnlyList<ReviewLogRecord> ReadFile(string path, double dayStartHour = 4)
    {
        InputPaths.RequireFile(null, path, "review log");
        var records = new List<ReviewLogRecord>();
        bool? benchmark = null;
        long row = 0;
        var lastDay = new Dictionary<long, (long Day, int SameDay)>();
        ParquetCells.ForEachGroup(path, names =>
        {
            benchmark = names.Contains("day_offset") && !names.Contains("review_time");
            var required = benchmark.Value ? BenchmarkColumns : ReviewLogReader.Columns.Take(3).ToList();
            var missing = required.Where(c => !names.Contains(c)).ToList();
            if (missing.Count > 0)
                throw new UserInputException($"{path}: no column(s) {string.Join(", ", missing)} (columns: {string.Join(", ", names)}); " +
                    $"expected {string.Join(",", ReviewLogReader.Columns)} (py-fsrs) or {string.Join(",", BenchmarkColumns)},state,duration,elapsed_days,elapsed_seconds (srs-benchmark)");
            return benchmark.Value ? ["card_id", "day_offset", "rating", "duration", "elapsed_days"] : ReviewLogReader.Columns;
        }, (columns, count) =>
        {
            for (int i = 0; i < count; i++)
            {
                row++;
                object? Cell(string name) => columns.TryGetValue(name, out var c) ? c[i] : null;
                UserInputException Bad(string column, string why) =>
                    new($"{path}:{row}: column {column}: '{Text(Cell(column))}' {why}");
                long card = Integer(Cell("card_id")) ?? throw Bad("card_id", "is not an integer card id");
                string ratingColumn = benchmark!.Value ? "rating" : "review_rating";
                long rating = Integer(Cell(ratingColumn)) ?? 0;
                if (rating is < 1 or > 4) throw Bad(ratingColumn, "is not a rating 1-4 (1 = Again, 2 = Hard, 3 = Good, 4 = Easy)");
                string durationColumn = benchmark.Value ? "duration" : "review_duration";
                double duration = 0;
                if (Cell(durationColumn) is { } d)
                {
                    if (Number(d) is not { } ms || !(ms >= 0) || !double.IsFinite(ms)) throw Bad(durationColumn, "is not a duration in ms (a number >= 0)");
                    duration = ms;
                }
                DateTimeOffset time;
                if (benchmark.Value)
                {
                    long day = Integer(Cell("day_offset")) is { } o && o >= 0 && o < 3_000_000 ? o : throw Bad("day_offset", "is not a day number >= 0");
                    int sameDay = 0;
                    long? elapsed = Cell("elapsed_days") is null ? null : Integer(Cell("elapsed_days")) ?? throw Bad("elapsed_days", "is not an integer");
                    if (lastDay.TryGetValue(card, out var last))
                    {
                        if (day < last.Day) throw Bad("day_offset", $"comes before the card's previous review (day {last.Day}); rows of a card must be in time order");
                        if (elapsed is { } e && e != day - last.Day) throw Bad("elapsed_days", $"is not the days since the card's previous review ({day - last.Day})");
                        sameDay = day == last.Day ? last.SameDay + 1 : 0;
                    }
                    else if (elapsed is { } e && e != -1) throw Bad("elapsed_days", "should be -1 (or null) on the card's first review");
                    lastDay[card] = (day, sameDay);
                    time = DateTimeOffset.UnixEpoch.AddDays(day).AddHours(dayStartHour).AddMilliseconds(sameDay);
                }
                else
                {
                    time = Cell("review_time") switch
                    {
                        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
                        DateTimeOffset t => t.ToUniversalTime(),
                        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) => t,
                        _ => throw Bad("review_time", "is not an ISO-8601 time or a timestamp (e.g. 2024-03-29T20:32:32.250000+00:00)"),
                    };
                }
                records.Add(new ReviewLogRecord(card, (int)rating, time, duration));
            }
        });
        return records;
    }

    private static long? Integer(object? cell) => cell switch
    {
        long n => n, int n => n, short n => n, sbyte n => n, byte n => n, ushort n => n, uint n => n,
        ulong n when n <= long.MaxValue => (long)n,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
        float f when f == MathF.Floor(f) && Math.Abs(f) < 9e15 => (long)f,
        string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) => n,
        _ => null,
    };

    private static double? Number(object? cell) => cell switch
    {
        double d => d, float f => f,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) => v,
        _ => Integer(cell),
    };

    private static string Text(object? cell) => cell is null ? "null" : Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "";
}
