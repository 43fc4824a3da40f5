using Kairos.Models.SpacedRepetition;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// State shared by per-item review schedulers (MEMORIZE, threshold): the policy's own copy of the student's
/// <see cref="ItemMemory"/>, updated from observed recall outcomes, and one pending review time per item. Only the
/// reviewed item's schedule changes at a review, so the next action is the earliest pending time (superposition
/// of independent per-item processes).
/// </summary>
internal abstract class ItemScheduleState : IPolicyState
{
    private readonly double[] _pending;

    protected ItemScheduleState(StudentModel model, int markCount)
    {
        if (markCount != model.ItemCount)
            throw new ArgumentException(
                $"the policy's student model has {model.ItemCount} items but the environment has {markCount} marks.", nameof(markCount));
        Memory = model.NewMemory();
        _pending = new double[markCount];
    }

    protected ItemMemory Memory { get; }
    public PlannedAction Next { get; private set; }

    /// <summary>Time of the next review of <paramref name="item"/>, just reviewed (or started) at <paramref name="now"/>.</summary>
    protected abstract double NextReview(int item, double now, Random rng);

    /// <summary>Call at the end of the derived constructor.</summary>
    protected void Initialize(Random rng)
    {
        for (int i = 0; i < _pending.Length; i++) _pending[i] = NextReview(i, 0, rng);
        Refresh();
    }

    public void Observe(in Event e, ReadOnlySpan<double> feedback, Random rng)
    {
        if (e.Kind != EventKind.Action) return;
        double recall = e.Value ?? (feedback.Length > 0 ? feedback[0] : double.NaN);
        if (double.IsNaN(recall))
            throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"review of item {e.Mark} at t={e.Time:R} carries no recall outcome."));
        Memory.Review(e.Mark, e.Time, recall > 0.5);
        _pending[e.Mark] = NextReview(e.Mark, e.Time, rng);
        Refresh();
    }

    private void Refresh()
    {
        int best = 0;
        for (int i = 1; i < _pending.Length; i++) if (_pending[i] < _pending[best]) best = i;
        Next = new PlannedAction(_pending[best], best);
    }
}
