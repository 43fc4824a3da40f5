using System.Globalization;
using Kairos.Decisions;
using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// FSRS as a scheduler (as Anki runs it): the policy tracks each item's FSRS-6 memory state from the observed
/// outcomes and reviews it when its retrievability R falls to <see cref="DesiredRetention"/>, i.e.
/// <see cref="FsrsModel.IntervalAt"/> after its last review, but never sooner than <see cref="MinimumInterval"/>
/// (FSRS schedules in whole days, at least one). The environment reports recall only, so a recalled review is
/// taken as Good and a forgotten one as Again. Items start as introduced at the origin with a Good first rating
/// (S = w2, D = the item's difficulty), as the simulated FSRS student does. Deterministic given the outcomes.
/// </summary>
public sealed class FsrsPolicy : IDeliveryPolicy
{
    public const string KindName = "fsrs";
    /// <summary>One day: FSRS's shortest review interval.</summary>
    public const double MinimumInterval = 1;
    private const int SnapshotVersion = 1;

    private readonly double[] _difficulty;

    /// <param name="parameters">FSRS-6 parameters the policy assumes.</param>
    /// <param name="itemDifficulties">Initial difficulty D_i of each item (1–10).</param>
    /// <param name="desiredRetention">r ∈ (0, 1): review when R falls to r.</param>
    public FsrsPolicy(FsrsParameters parameters, IReadOnlyList<double> itemDifficulties, double desiredRetention)
    {
        Model = new FsrsModel(parameters ?? throw new ArgumentNullException(nameof(parameters)));
        ArgumentNullException.ThrowIfNull(itemDifficulties);
        _difficulty = itemDifficulties.ToArray();
        DesiredRetention = desiredRetention is > 0 and < 1 ? desiredRetention
            : throw new ArgumentOutOfRangeException(nameof(desiredRetention), desiredRetention,
                string.Create(CultureInfo.InvariantCulture, $"desired retention must lie in (0, 1), got {desiredRetention:R}."));
        ParameterHash = Decisions.ParameterHash.Of(KindName, [desiredRetention, .. parameters.Weights, .. _difficulty]);
    }

    /// <summary>r = e^{−1/κ} from the knob κ &gt; 0, so that the number of reviews grows with κ (budget matching).</summary>
    public static FsrsPolicy FromKnob(FsrsParameters parameters, IReadOnlyList<double> itemDifficulties, double knob) =>
        new(parameters, itemDifficulties, Math.Exp(-1 / knob));

    /// <summary>κ = −1/ln r.</summary>
    public static double KnobOf(double desiredRetention) => -1 / Math.Log(desiredRetention);

    public FsrsModel Model { get; }
    public double DesiredRetention { get; }
    public IReadOnlyList<double> ItemDifficulties => _difficulty;
    public string Name => KindName;
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Timing;
    public string ParameterHash { get; }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        var state = new State(this, Check(context), random);
        var initial = Model.Initial(FsrsRating.Good);
        for (int i = 0; i < _difficulty.Length; i++) state.Set(i, new(initial.Stability, _difficulty[i]), context.Origin);
        state.Refresh();
        return state;
    }

    /// <summary>Snapshot: reals [S_i (N), D_i (N), last review_i (N)].</summary>
    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        snapshot.EnsureFrom(this, KindName, SnapshotVersion);
        int n = Check(context).MarkCount;
        snapshot.EnsureShape(3 * n, 0);
        var state = new State(this, context, snapshot.Random);
        var r = snapshot.Reals;
        for (int i = 0; i < n; i++)
        {
            if (!(r[i] > 0) || !double.IsFinite(r[i]) || !(r[n + i] is >= FsrsModel.MinDifficulty and <= FsrsModel.MaxDifficulty))
                throw new PolicyContextException($"snapshot of '{KindName}' holds an invalid memory state for item {i}.");
            state.Set(i, new(r[i], r[n + i]), r[2 * n + i]);
        }
        state.Refresh();
        return state;
    }

    private PolicyContext Check(PolicyContext context) => context.MarkCount == _difficulty.Length ? context
        : throw new PolicyContextException($"policy '{Name}' knows {CountText.Of(_difficulty.Length, "item")} but the context has {CountText.Of(context.MarkCount, "mark")}.");

    /// <summary>When item with stability <paramref name="stability"/>, last reviewed at <paramref name="last"/>, is due.</summary>
    public double DueTime(double stability, double last) =>
        last + Math.Max(MinimumInterval, Model.IntervalAt(stability, DesiredRetention));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"fsrs(retention={DesiredRetention:G6})");

    private sealed class State(FsrsPolicy policy, PolicyContext context, DecisionRandom random) : IPolicyState
    {
        private readonly FsrsMemoryState[] _memory = new FsrsMemoryState[context.MarkCount];
        private readonly double[] _last = new double[context.MarkCount];
        private readonly double[] _due = new double[context.MarkCount];
        private readonly DecisionRandom _random = random;

        public PlannedAction Next { get; private set; }

        public void Set(int item, FsrsMemoryState memory, double last)
        {
            _memory[item] = memory;
            _last[item] = last;
            _due[item] = policy.DueTime(memory.Stability, last);
        }

        public void Refresh()
        {
            int best = 0;
            for (int i = 1; i < _due.Length; i++) if (_due[i] < _due[best]) best = i;
            Next = new PlannedAction(_due[best], best);
        }

        public void Observe(in Event e, ReadOnlySpan<double> feedback)
        {
            if (e.Kind != EventKind.Action) return;
            double recall = e.Value ?? (feedback.Length > 0 ? feedback[0] : double.NaN);
            if (double.IsNaN(recall))
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"review of item {e.Mark} at t={e.Time:R} carries no recall outcome."));
            var rating = recall > 0.5 ? FsrsRating.Good : FsrsRating.Again;
            Set(e.Mark, policy.Model.Next(_memory[e.Mark], e.Time - _last[e.Mark], rating), e.Time);
            Refresh();
        }

        public PolicySnapshot Snapshot()
        {
            int n = _memory.Length;
            var reals = new double[3 * n];
            for (int i = 0; i < n; i++)
            {
                reals[i] = _memory[i].Stability;
                reals[n + i] = _memory[i].Difficulty;
                reals[2 * n + i] = _last[i];
            }
            return new PolicySnapshot(KindName, SnapshotVersion, policy.ParameterHash, _random.Key, _random.Index, reals, []);
        }
    }
}
