using Kairos.Decisions;
using Kairos.Models.SpacedRepetition;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// State shared by per-item review schedulers (MEMORIZE, threshold): the policy's own copy of the student's
/// <see cref="ItemMemory"/>, updated from observed recall outcomes, and one pending review time per item. Only the
/// reviewed item's schedule changes at a review, so the next action is the earliest pending time (superposition
/// of independent per-item processes). Snapshot: reals [n_i (N), last review_i (N), pending_i (N)].
/// </summary>
internal abstract class ItemScheduleState : IPolicyState
{
    private const int SnapshotVersion = 1;
    private readonly IDeliveryPolicy _policy;
    private readonly double[] _pending;
    private DecisionRandom _random;

    protected ItemScheduleState(IDeliveryPolicy policy, StudentModel model, PolicyContext context, DecisionRandom random)
    {
        if (context.MarkCount != model.ItemCount)
            throw new PolicyContextException(
                $"policy '{policy.Name}' assumes a student model with {CountText.Of(model.ItemCount, "item")} but the context has {CountText.Of(context.MarkCount, "mark")}.");
        _policy = policy;
        _random = random;
        Memory = model.NewMemory(context.Origin);
        _pending = new double[context.MarkCount];
    }

    protected ItemMemory Memory { get; }
    public PlannedAction Next { get; private set; }

    /// <summary>Time of the next review of <paramref name="item"/>, just reviewed (or started) at <paramref name="now"/>.</summary>
    protected abstract double NextReview(int item, double now, ref DecisionRandom random);

    /// <summary>Call at the end of the derived constructor of a fresh state.</summary>
    protected void Initialize(double origin)
    {
        for (int i = 0; i < _pending.Length; i++) _pending[i] = NextReview(i, origin, ref _random);
        Refresh();
    }

    /// <summary>Call at the end of the derived constructor of a restored state.</summary>
    protected void Restore(PolicySnapshot s)
    {
        int n = _pending.Length;
        s.EnsureFrom(_policy, _policy.Kind, SnapshotVersion);
        s.EnsureShape(3 * n, 0);
        var r = s.Reals;
        Memory.Restore(r.Take(n).ToArray(), r.Skip(n).Take(n).ToArray());
        for (int i = 0; i < n; i++) _pending[i] = r[2 * n + i];
        _random = s.Random;
        Refresh();
    }

    public void Observe(in Event e, ReadOnlySpan<double> feedback)
    {
        if (e.Kind != EventKind.Action) return;
        double recall = e.Value ?? (feedback.Length > 0 ? feedback[0] : double.NaN);
        if (double.IsNaN(recall))
            throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"review of item {e.Mark} at t={e.Time:R} carries no recall outcome."));
        Memory.Review(e.Mark, e.Time, recall > 0.5);
        _pending[e.Mark] = NextReview(e.Mark, e.Time, ref _random);
        Refresh();
    }

    public PolicySnapshot Snapshot()
    {
        int n = _pending.Length;
        var reals = new double[3 * n];
        for (int i = 0; i < n; i++)
        {
            reals[i] = Memory.Rate(i);
            reals[n + i] = Memory.LastReview(i);
            reals[2 * n + i] = _pending[i];
        }
        return new PolicySnapshot(_policy.Kind, SnapshotVersion, _policy.ParameterHash, _random.Key, _random.Index, reals, []);
    }

    private void Refresh()
    {
        int best = 0;
        for (int i = 1; i < _pending.Length; i++) if (_pending[i] < _pending[best]) best = i;
        Next = new PlannedAction(_pending[best], best);
    }
}
