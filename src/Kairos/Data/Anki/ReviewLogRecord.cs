namespace Kairos.Data.Anki;

/// <summary>One review of an Anki/FSRS review log.</summary>
/// <param name="CardId">The card.</param>
/// <param name="Rating">1 = Again, 2 = Hard, 3 = Good, 4 = Easy.</param>
/// <param name="Time">When the review happened (UTC).</param>
/// <param name="DurationMs">Time spent on the review, in milliseconds.</param>
public sealed record ReviewLogRecord(long CardId, int Rating, DateTimeOffset Time, double DurationMs);
