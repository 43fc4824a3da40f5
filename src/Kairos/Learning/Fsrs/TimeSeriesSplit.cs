namespace Kairos.Learning.Fsrs;

/// <summary>
/// scikit-learn's TimeSeriesSplit, as srs-benchmark applies it to one user's reviews in time order: with n reviews
/// and k splits, test blocks of ⌊n/(k+1)⌋ reviews end at the last review; split f trains on every review before its
/// test block. Only long-term reviews are scored on either side (same-day reviews update the state only).
/// </summary>
public static class TimeSeriesSplit
{
    /// <summary>The scored train and test masks of split <paramref name="fold"/> (0-based) of <paramref name="splits"/>.</summary>
    public static (bool[] Train, bool[] Test) Masks(FsrsReviewSet data, int splits, int fold)
    {
        int n = data.Count, size = n / (splits + 1);
        if (splits < 2 || size < 1) throw new ArgumentOutOfRangeException(nameof(splits), splits, $"{CountText.Of(n, "review")} cannot be split {CountText.Of(splits, "way")}.");
        int start = n - (splits - fold) * size, end = start + size;
        var train = new bool[n];
        var test = new bool[n];
        for (int i = 0; i < n; i++)
        {
            if (!data.IsLongTerm(i)) continue;
            int rank = data.TimeRank[i];
            train[i] = rank < start;
            test[i] = rank >= start && rank < end;
        }
        return (train, test);
    }
}
