namespace Kairos.Models.SpacedRepetition;

/// <summary>
/// One student's per-item state under a <see cref="StudentModel"/>: current forgetting rate n_i and time of last
/// review. The environment keeps the true one; policies that know α, β and n_i(0) (as MEMORIZE does) keep their own
/// copy and update it from the observed recall outcomes, which reproduces the truth exactly.
/// </summary>
public sealed class ItemMemory : ISimulatedStudent
{
    private readonly StudentModel _model;
    private readonly double[] _rates;
    private readonly double[] _lastReview;

    internal ItemMemory(StudentModel model, double origin = 0)
    {
        _model = model;
        _rates = model.InitialRates.ToArray();
        _lastReview = new double[_rates.Length];   // all items count as reviewed at the origin (TPPRL §5.1)
        Array.Fill(_lastReview, origin);
    }

    public StudentModel Model => _model;
    public int ItemCount => _rates.Length;

    /// <summary>n_i now (per day).</summary>
    public double Rate(int item) => _rates[item];

    /// <summary>Time of the last review of item i (0 before any).</summary>
    public double LastReview(int item) => _lastReview[item];

    /// <summary>m_i(t) = exp(−n_i (t − last review)).</summary>
    public double RecallProbability(int item, double time) =>
        StudentModel.RecallProbability(_rates[item], time - _lastReview[item]);

    /// <summary>Replaces the state with saved forgetting rates and last-review times (a policy's snapshot).</summary>
    public void Restore(ReadOnlySpan<double> rates, ReadOnlySpan<double> lastReview)
    {
        if (rates.Length != _rates.Length || lastReview.Length != _lastReview.Length)
            throw new ArgumentException($"a saved memory has {CountText.Of(rates.Length, "rate")} and {CountText.Of(lastReview.Length, "review time")}; this model has {CountText.Of(_rates.Length, "item")}.");
        foreach (double n in rates)
            if (!(n > 0) || !double.IsFinite(n)) throw new ArgumentException($"a saved forgetting rate must be finite and > 0, got {n}.");
        rates.CopyTo(_rates);
        lastReview.CopyTo(_lastReview);
    }

    /// <summary>Draws recall ~ Bernoulli(m_i(t)) with one uniform, then records the review.</summary>
    public bool Review(int item, double time, Random rng)
    {
        bool recalled = rng.NextDouble() < RecallProbability(item, time);
        Review(item, time, recalled);
        return recalled;
    }

    /// <summary>Records a review of item i at <paramref name="time"/> with its outcome.</summary>
    public void Review(int item, double time, bool recalled)
    {
        _rates[item] = _model.UpdatedRate(_rates[item], recalled);
        _lastReview[item] = time;
    }
}
