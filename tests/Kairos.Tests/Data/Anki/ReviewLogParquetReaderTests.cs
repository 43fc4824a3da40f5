using Kairos.Data.Anki;
using Kairos.Learning.Fsrs;
using Parquet;
using Parquet.Schema;

namespace Kairos.Tests.Data.Anki;

public sealed class ReviewLogParquetReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kairos-anki-parquet-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Repo([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../.."));

    /// <summary>Writes one row group; each column is (field, values).</summary>
    private string Write(string name, params (DataField Field, Array Values)[] columns)
    {
        string path = Path.Combine(_dir, name);
        using var stream = File.Create(path);
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray()), stream);
            using var group = writer.CreateRowGroup();
            foreach (var (field, values) in columns)
                switch (values)
                {
                    case long[] v: await group.WriteAsync<long>((DataField<long>)field, v); break;
                    case int[] v: await group.WriteAsync<int>((DataField<int>)field, v); break;
                    case int?[] v: await group.WriteAsync<int>((DataField<int?>)field, v); break;
                    case double?[] v: await group.WriteAsync<double>((DataField<double?>)field, v); break;
                    case string[] v: await group.WriteAsync((DataField<string>)field, v); break;
                    case DateTime[] v: await group.WriteAsync<DateTime>((DataField<DateTime>)field, v); break;
                    default: throw new ArgumentException(values.GetType().Name);
                }
        }).GetAwaiter().GetResult();
        return path;
    }

    [Fact]
    public void PyFsrsLayout_FirstRowsOfTheShippedLog_ReadBackAsFromTheCsv()
    {
        var csv = ReviewLogReader.ReadFile(Path.Combine(Repo(), "data", "fsrs-review-log-12k.csv")).Take(300).ToList();
        string path = Write("log.parquet",
            (new DataField<long>("card_id"), csv.Select(r => r.CardId).ToArray()),
            (new DataField<int>("review_rating"), csv.Select(r => r.Rating).ToArray()),
            (new DataField<string>("review_time"), csv.Select(r => r.Time.ToString("O")).ToArray()),
            (new DataField<double?>("review_duration"), csv.Select(r => (double?)r.DurationMs).ToArray()));
        Assert.Equal(csv, ReviewLogReader.ReadFile(path));

        string stamps = Write("stamps.parquet",
            (new DataField<long>("card_id"), csv.Select(r => r.CardId).ToArray()),
            (new DataField<int>("review_rating"), csv.Select(r => r.Rating).ToArray()),
            (new DataField<DateTime>("review_time"), csv.Select(r => r.Time.UtcDateTime).ToArray()),
            (new DataField<double?>("review_duration"), csv.Select(r => (double?)r.DurationMs).ToArray()));
        Assert.Equal(csv, ReviewLogReader.ReadFile(stamps));
    }

    [Fact]
    public void BenchmarkLayout_DayOffsetsBecomeTheFsrsDaysAndSameDayReviewsKeepTheirOrder()
    {
        // card 7: days 0, 0, 3, 10; card 9: days 2, 5.
        string path = Write("bench.parquet",
            (new DataField<long>("card_id"), new long[] { 7, 7, 7, 7, 9, 9 }),
            (new DataField<int>("day_offset"), new[] { 0, 0, 3, 10, 2, 5 }),
            (new DataField<int>("rating"), new[] { 1, 3, 3, 4, 2, 1 }),
            (new DataField<int?>("state"), new int?[] { 0, 1, 2, 2, 0, 2 }),
            (new DataField<double?>("duration"), new double?[] { 1200, 800, null, 3000, 500, 700 }),
            (new DataField<int?>("elapsed_days"), new int?[] { -1, 0, 3, 7, null, 3 }));
        foreach (double hour in new[] { 0.0, 4, 23.5 })
        {
            var records = ReviewLogReader.ReadFile(path, hour);
            Assert.Equal(new[] { 1, 3, 3, 4, 2, 1 }, records.Select(r => r.Rating));
            Assert.Equal(new[] { 1200.0, 800, 0, 3000, 500, 700 }, records.Select(r => r.DurationMs));
            var set = FsrsReviewSet.From(records, hour);
            Assert.Equal(new long[] { 7, 9 }, set.CardIds);
            Assert.Equal(new double[] { 0, 0, 3, 7, 0, 3 }, set.Elapsed);
            Assert.Equal(new[] { FsrsRatingOf(1), FsrsRatingOf(3), FsrsRatingOf(3), FsrsRatingOf(4), FsrsRatingOf(2), FsrsRatingOf(1) }, set.Ratings);
        }
    }

    private static Kairos.Models.SpacedRepetition.Fsrs.FsrsRating FsrsRatingOf(int r) => (Kairos.Models.SpacedRepetition.Fsrs.FsrsRating)r;

    [Theory]
    [InlineData(new[] { 3, 3, 5 }, new[] { 0, 1, 2 }, new[] { -1, 1, 1 }, "bad.parquet:3: column rating: '5' is not a rating 1-4")]
    [InlineData(new[] { 3, 3, 3 }, new[] { 0, 4, 2 }, new[] { -1, 4, -2 }, "bad.parquet:3: column day_offset: '2' comes before the card's previous review (day 4)")]
    [InlineData(new[] { 3, 3, 3 }, new[] { 0, 1, 3 }, new[] { -1, 1, 1 }, "bad.parquet:3: column elapsed_days: '1' is not the days since the card's previous review (2)")]
    [InlineData(new[] { 3, 3, 3 }, new[] { 0, 1, 3 }, new[] { 0, 1, 2 }, "bad.parquet:1: column elapsed_days: '0' should be -1")]
    [InlineData(new[] { 3, 3, 3 }, new[] { 0, -1, 3 }, new[] { -1, 1, 2 }, "bad.parquet:2: column day_offset: '-1' is not a day number")]
    public void BenchmarkLayout_BadRow_NamesFileRowAndColumn(int[] ratings, int[] days, int[] elapsed, string message)
    {
        string path = Write("bad.parquet",
            (new DataField<long>("card_id"), new long[] { 1, 1, 1 }),
            (new DataField<int>("day_offset"), days),
            (new DataField<int>("rating"), ratings),
            (new DataField<int?>("elapsed_days"), elapsed.Select(e => (int?)e).ToArray()));
        var e = Assert.Throws<UserInputException>(() => ReviewLogReader.ReadFile(path));
        Assert.StartsWith(Path.Combine(_dir, message), e.Message);
    }

    [Fact]
    public void PyFsrsLayout_BadTimeOrMissingColumnOrNotParquet_IsAUserError()
    {
        string path = Write("t.parquet",
            (new DataField<long>("card_id"), new long[] { 1, 2 }),
            (new DataField<int>("review_rating"), new[] { 3, 3 }),
            (new DataField<string>("review_time"), new[] { "2024-03-29T20:32:32+00:00", "yesterday" }));
        var e = Assert.Throws<UserInputException>(() => ReviewLogReader.ReadFile(path));
        Assert.StartsWith($"{path}:2: column review_time: 'yesterday'", e.Message);

        string missing = Write("m.parquet", (new DataField<long>("card_id"), new long[] { 1 }), (new DataField<int>("rating"), new[] { 3 }));
        e = Assert.Throws<UserInputException>(() => ReviewLogReader.ReadFile(missing));
        Assert.Contains("no column(s) review_rating, review_time", e.Message);

        File.WriteAllText(path, "card_id,review_rating\n");
        e = Assert.Throws<UserInputException>(() => ReviewLogReader.ReadFile(path));
        Assert.Contains("not a readable Parquet file", e.Message);
    }
}
