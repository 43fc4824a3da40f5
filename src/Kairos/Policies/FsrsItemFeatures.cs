using Kairos.Decisions;
using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// Per-item memory inputs for a TPPRL policy on a spaced-repetition course, from the observed history only: the
/// policy's own FSRS-6 estimate of each item's (S, D), tracked as <see cref="FsrsPolicy"/> tracks it (population
/// parameters and the items' initial difficulties, the same knowledge the fsrs scheduler has; Good when recalled,
/// Again when not; every item introduced at the origin with a Good rating). Never the student's hidden state.
/// Per item m at time t, with last review η_m, estimated stability S_m and the test at T_test = origin + T + τ:
/// <list type="number">
/// <item>1 − R̂(t − η_m, S_m): the chance it is forgotten now;</item>
/// <item>1 − R̂(T_test − η_m, S_m): the chance it is forgotten at the test if not reviewed again;</item>
/// <item>the expected gain in recall at the test of one review now (and none after): R̂·R(T_test − t, S′_Good) +
/// (1 − R̂)·R(T_test − t, S′_Again) − R(T_test − η_m, S_m), S′ by FSRS-6's update at R̂ (ratings as above);</item>
/// <item>(t − η_m)/T;</item>
/// <item>ln(1 + reviews of m)/ln 10;</item>
/// <item>the outcome of its last review (1 recalled; 1 for the introduction).</item>
/// </list>
/// Summaries appended to z at every event: the mean over items of features 1 and 2. The state also gives each item's
/// forgetting clock (<see cref="IItemClocks"/>).
/// </summary>
public sealed class FsrsItemFeatures : IItemFeatures
{
    public const int Features = 6, Summaries = 2, PerItemState = 5;
    /// <summary>An item's clock (<see cref="IItemClocks"/>) opens this long after its last review: FSRS's shortest
    /// interval (<see cref="FsrsPolicy.MinimumInterval"/>), since a same-day review gains little stability.</summary>
    public const double ClockFloor = FsrsPolicy.MinimumInterval;
    private readonly FsrsModel _model;
    private readonly double[] _difficulty;

    /// <param name="parameters">FSRS-6 parameters assumed (the population's, as the fsrs scheduler assumes).</param>
    /// <param name="itemDifficulties">Initial difficulty of each item.</param>
    /// <param name="horizon">Course length T.</param>
    /// <param name="testDelay">τ: the test is at T + τ.</param>
    public FsrsItemFeatures(FsrsParameters parameters, IReadOnlyList<double> itemDifficulties, double horizon, double testDelay)
    {
        _model = new FsrsModel(parameters ?? throw new ArgumentNullException(nameof(parameters)));
        _difficulty = (itemDifficulties ?? throw new ArgumentNullException(nameof(itemDifficulties))).ToArray();
        Horizon = Numerics.Require.Positive(horizon, nameof(horizon));
        TestDelay = Numerics.Require.NonNegative(testDelay, nameof(testDelay));
    }

    public double Horizon { get; }
    public double TestDelay { get; }
    public string Name => "fsrs-memory";
    public int Count => Features;
    public int SummaryCount => Summaries;
    public bool RequiresHorizon => true;

    public IItemFeatureState Start(PolicyContext context)
    {
        if (context.MarkCount != _difficulty.Length)
            throw new PolicyContextException($"item features '{Name}' know {CountText.Of(_difficulty.Length, "item")} but the context has {CountText.Of(context.MarkCount, "mark")}.");
        return new State(this, context.Origin);
    }

    private sealed class State : IItemFeatureState, IItemClocks
    {
        private readonly FsrsItemFeatures _f;
        private readonly double _test;
        private readonly FsrsMemoryState[] _memory;
        private readonly double[] _last, _count, _recall;

        public State(FsrsItemFeatures features, double origin)
        {
            _f = features;
            _test = origin + features.Horizon + features.TestDelay;
            int n = features._difficulty.Length;
            (_memory, _last, _count, _recall) = (new FsrsMemoryState[n], new double[n], new double[n], new double[n]);
            double s0 = features._model.Initial(FsrsRating.Good).Stability;
            for (int i = 0; i < n; i++) (_memory[i], _last[i], _recall[i]) = (new(s0, features._difficulty[i]), origin, 1);
        }

        public int StateLength => PerItemState * _memory.Length;

        public void Observe(in Event e, ReadOnlySpan<double> feedback)
        {
            if (e.Kind != EventKind.Action) return;
            double recall = e.Value ?? (feedback.Length > 0 ? feedback[0] : double.NaN);
            if (double.IsNaN(recall))
                throw new InvalidOperationException(FormattableString.Invariant($"review of item {e.Mark} at t={e.Time} carries no recall outcome."));
            int m = e.Mark;
            bool recalled = recall > 0.5;
            _memory[m] = _f._model.Next(_memory[m], e.Time - _last[m], recalled ? FsrsRating.Good : FsrsRating.Again);
            (_last[m], _recall[m]) = (e.Time, recalled ? 1 : 0);
            _count[m]++;
        }

        public void WriteItems(double time, Span<double> destination)
        {
            var model = _f._model;
            double toTest = Math.Max(_test - time, 0);
            for (int m = 0; m < _memory.Length; m++)
            {
                var s = _memory[m];
                double elapsed = time - _last[m];
                double now = model.Retrievability(elapsed, s.Stability);
                double atTest = model.Retrievability(_test - _last[m], s.Stability);
                double good = model.Retrievability(toTest, model.Next(s, elapsed, FsrsRating.Good).Stability);
                double again = model.Retrievability(toTest, model.Next(s, elapsed, FsrsRating.Again).Stability);
                var d = destination.Slice(m * Features, Features);
                d[0] = 1 - now;
                d[1] = 1 - atTest;
                d[2] = now * good + (1 - now) * again - atTest;
                d[3] = elapsed / _f.Horizon;
                d[4] = Math.Log(1 + _count[m]) / Math.Log(10);
                d[5] = _recall[m];
            }
        }

        public void WriteClocks(double time, Span<double> destination)
        {
            var p = _f._model.Parameters;
            for (int m = 0; m < _memory.Length; m++)
            {
                double s = _memory[m].Stability, open = _last[m] + ClockFloor, lead = Math.Max(open - time, 0);
                double x = 1 + p.Factor * (time + lead - _last[m]) / s;
                var d = destination.Slice(4 * m, 4);
                (d[0], d[1], d[2], d[3]) = (Math.Log(x), p.Factor / (s * x), p.Decay, lead);
            }
        }

        public void WriteSummary(double time, Span<double> destination)
        {
            var model = _f._model;
            double now = 0, atTest = 0;
            for (int m = 0; m < _memory.Length; m++)
            {
                now += 1 - model.Retrievability(time - _last[m], _memory[m].Stability);
                atTest += 1 - model.Retrievability(_test - _last[m], _memory[m].Stability);
            }
            destination[0] = now / _memory.Length;
            destination[1] = atTest / _memory.Length;
        }

        public void Save(Span<double> destination)
        {
            int n = _memory.Length;
            for (int m = 0; m < n; m++)
                (destination[m], destination[n + m], destination[2 * n + m], destination[3 * n + m], destination[4 * n + m]) =
                    (_memory[m].Stability, _memory[m].Difficulty, _last[m], _count[m], _recall[m]);
        }

        public void Load(ReadOnlySpan<double> source)
        {
            int n = _memory.Length;
            if (source.Length != StateLength) throw new PolicyContextException($"item-feature state has {CountText.Of(source.Length, "real")}, expected {StateLength}.");
            for (int m = 0; m < n; m++)
            {
                double s = source[m], d = source[n + m];
                if (!(s > 0) || !double.IsFinite(s) || !(d is >= FsrsModel.MinDifficulty and <= FsrsModel.MaxDifficulty)
                    || !double.IsFinite(source[2 * n + m]) || !(source[3 * n + m] >= 0))
                    throw new PolicyContextException($"item-feature state '{_f.Name}' holds an invalid memory state for item {m}.");
                (_memory[m], _last[m], _count[m], _recall[m]) = (new(s, d), source[2 * n + m], source[3 * n + m], source[4 * n + m]);
            }
        }
    }
}
