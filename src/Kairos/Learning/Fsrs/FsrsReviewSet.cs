using Kairos.Data.Anki;
using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Learning.Fsrs;

/// <summary>
/// A review log arranged for FSRS fitting: reviews grouped by card in time order (card k owns the index range
/// <see cref="CardStart"/>[k] ..&lt; <see cref="CardStart"/>[k+1]), each with its rating, the whole days since the
/// card's previous review (0 for the first) and its rank in the log's global time order (for time-series splits).
/// Days are counted as in Anki and fsrs-rs: a day starts at <c>dayStartHour</c> UTC, and Δt is the difference of day
/// numbers, so a same-day review has Δt = 0.
/// </summary>
public sealed class FsrsReviewSet
{
    private FsrsReviewSet(long[] cardIds, int[] cardStart, FsrsRating[] ratings, double[] elapsed, int[] timeRank)
    {
        CardIds = cardIds;
        CardStart = cardStart;
        Ratings = ratings;
        Elapsed = elapsed;
        TimeRank = timeRank;
        LongTermCount = new int[ratings.Length];
        Lapses = new int[ratings.Length];
        Correct = new int[ratings.Length];
        Wrong = new int[ratings.Length];
        for (int k = 0; k < cardIds.Length; k++)
        {
            int longTerm = 0, lapses = 0, correct = 0, wrong = 0;
            for (int i = cardStart[k]; i < cardStart[k + 1]; i++)
            {
                if (elapsed[i] >= 1) longTerm++;
                (LongTermCount[i], Lapses[i], Correct[i], Wrong[i]) = (longTerm, lapses, correct, wrong);
                if (elapsed[i] >= 1 && ratings[i] == FsrsRating.Again) lapses++;
                if (ratings[i] == FsrsRating.Again) wrong++; else correct++;
            }
        }
    }

    public IReadOnlyList<long> CardIds { get; }
    /// <summary>Card k's reviews are CardStart[k] ..&lt; CardStart[k+1]; its length is CardCount + 1.</summary>
    public int[] CardStart { get; }
    public FsrsRating[] Ratings { get; }
    /// <summary>Whole days since the card's previous review (0 for its first review and same-day reviews).</summary>
    public double[] Elapsed { get; }
    /// <summary>0-based rank of each review in the log's time order (ties keep file order).</summary>
    public int[] TimeRank { get; }
    /// <summary>Long-term reviews of the card up to and including review i (fsrs-rs long_term_review_cnt).</summary>
    public int[] LongTermCount { get; }
    /// <summary>Earlier long-term reviews of the card rated Again.</summary>
    public int[] Lapses { get; }
    /// <summary>Earlier reviews of the card rated above Again, and rated Again (half-life regression's features).</summary>
    public int[] Correct { get; }
    public int[] Wrong { get; }
    public int CardCount => CardIds.Count;

    /// <summary>The srs-benchmark bin of review i.</summary>
    public (int Delta, int Length, int Lapses) Bin(int i) => RecallBins.Of(Elapsed[i], LongTermCount[i], Lapses[i]);
    public int Count => Ratings.Length;

    /// <summary>Whether review <paramref name="i"/> can be predicted: not a card's first review, and on a later day
    /// than the previous one (same-day reviews only update the memory state; srs-benchmark protocol).</summary>
    public bool IsLongTerm(int i) => Elapsed[i] >= 1;

    public static FsrsReviewSet From(IReadOnlyList<ReviewLogRecord> records, double dayStartHour = 4)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (!(dayStartHour >= 0 && dayStartHour < 24))
            throw new ArgumentOutOfRangeException(nameof(dayStartHour), dayStartHour, "the day start is an hour in [0, 24).");
        var order = Enumerable.Range(0, records.Count).OrderBy(i => records[i].Time).ThenBy(i => i).ToArray();
        var rank = new int[records.Count];
        for (int r = 0; r < order.Length; r++) rank[order[r]] = r;
        var byCard = order.GroupBy(i => records[i].CardId).ToList();   // groups in order of first review
        var ids = new long[byCard.Count];
        var start = new int[byCard.Count + 1];
        var ratings = new FsrsRating[records.Count];
        var elapsed = new double[records.Count];
        var timeRank = new int[records.Count];
        int n = 0;
        for (int k = 0; k < byCard.Count; k++)
        {
            ids[k] = byCard[k].Key;
            start[k] = n;
            long previousDay = 0;
            bool first = true;
            foreach (int i in byCard[k])
            {
                long day = DayNumber(records[i].Time, dayStartHour);
                ratings[n] = (FsrsRating)records[i].Rating;
                elapsed[n] = first ? 0 : day - previousDay;
                timeRank[n] = rank[i];
                previousDay = day;
                first = false;
                n++;
            }
        }
        start[byCard.Count] = n;
        return new FsrsReviewSet(ids, start, ratings, elapsed, timeRank);
    }

    private static long DayNumber(DateTimeOffset time, double dayStartHour) =>
        (long)Math.Floor(((time.UtcDateTime - DateTime.UnixEpoch).TotalHours - dayStartHour) / 24);
}
