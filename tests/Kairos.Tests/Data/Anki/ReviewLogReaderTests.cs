using Kairos.Data.Anki;

namespace Kairos.Tests.Data.Anki;

public sealed class ReviewLogReaderTests
{
    private static string Repo([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../.."));

    [Fact]
    public void ReadFile_ShippedLog_Has12580ReviewsOf1205CardsWithTheFirstRowParsed()
    {
        var log = ReviewLogReader.ReadFile(Path.Combine(Repo(), "data", "fsrs-review-log-12k.csv"));
        Assert.Equal(12580, log.Count);
        Assert.Equal(1205, log.Select(r => r.CardId).Distinct().Count());
        Assert.Equal(new ReviewLogRecord(1711684180217, 1, new DateTimeOffset(2024, 3, 29, 20, 32, 32, 250, TimeSpan.Zero), 25060), log[0]);
        Assert.All(log, r => Assert.InRange(r.Rating, 1, 4));
    }

    [Theory]
    [InlineData("card_id,review_rating,review_time\n", "x.csv:1: the header lacks column(s) review_duration")]
    [InlineData("card_id,review_rating,review_time,review_duration\n1,5,2024-03-29T20:32:32+00:00,10\n", "x.csv:2: column review_rating: '5'")]
    [InlineData("card_id,review_rating,review_time,review_duration\n1,3,2024-03-29T20:32:32+00:00,10\nab,3,2024-03-29T20:32:32+00:00,10\n", "x.csv:3: column card_id: 'ab'")]
    [InlineData("card_id,review_rating,review_time,review_duration\n1,3,yesterday,10\n", "x.csv:2: column review_time: 'yesterday'")]
    [InlineData("card_id,review_rating,review_time,review_duration\n1,3,2024-03-29T20:32:32+00:00,-4\n", "x.csv:2: column review_duration: '-4'")]
    public void Read_BadInput_NamesFileLineAndColumn(string text, string message)
    {
        var e = Assert.Throws<UserInputException>(() => ReviewLogReader.Read(new StringReader(text), "x.csv").ToList());
        Assert.StartsWith(message, e.Message);
    }
}
