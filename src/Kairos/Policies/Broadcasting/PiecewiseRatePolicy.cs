using System.Globalization;
using Kairos.Decisions;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Policies.Broadcasting;

/// <summary>
/// An open-loop posting schedule: Poisson posts at rate r_m on segment m of [origin, origin + T] (equal segments,
/// none after T), the form of Karimi et al.'s (KDD'16) solution. Each post draws its gap through the one Algorithm 2
/// sampler under the schedule's piecewise-constant law from the post's time; feedback never changes the law, so
/// it never refines the pending post.
/// </summary>
public sealed class PiecewiseRatePolicy : IDeliveryPolicy
{
    public const string KindName = "piecewise-rate";
    private const int SnapshotVersion = 1;
    private readonly double[] _rates;

    /// <param name="rates">r_m ≥ 0, posts per time unit on each of the equal segments of the window.</param>
    /// <param name="horizon">T, the window length the segments divide.</param>
    public PiecewiseRatePolicy(IReadOnlyList<double> rates, double horizon, string name = "karimi")
    {
        if (rates.Count == 0) throw new ArgumentException("at least one segment.", nameof(rates));
        _rates = rates.Select((r, i) => Require.NonNegative(r, $"rates[{i}]")).ToArray();
        Horizon = Require.Positive(horizon, nameof(horizon));
        Name = name;
        ParameterHash = Decisions.ParameterHash.Of(KindName, [.. _rates, horizon]);
    }

    public IReadOnlyList<double> Rates => _rates;
    public double Horizon { get; }
    public string Name { get; }
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Timing;
    public string ParameterHash { get; }

    /// <summary>The schedule seen from <paramref name="elapsed"/> into the window, as a waiting-time law.</summary>
    public PiecewiseConstantTime LawFrom(double elapsed)
    {
        double length = Horizon / _rates.Length;
        var breaks = new List<double> { 0 };
        var rates = new List<double>();
        int m = Math.Clamp((int)Math.Floor(elapsed / length), 0, _rates.Length);
        for (int k = m; k < _rates.Length; k++)
        {
            if (k > m) breaks.Add((k * length) - elapsed);
            rates.Add(_rates[k]);
        }
        if (m < _rates.Length) breaks.Add(Horizon - elapsed);
        rates.Add(0);   // nothing after the window
        if (breaks.Count > 1 && !(breaks[1] > 0)) { breaks.RemoveAt(1); rates.RemoveAt(0); }
        return new PiecewiseConstantTime([.. breaks], [.. rates]);
    }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        var state = new State(this, context.Origin, random);
        state.Draw(context.Origin);
        return state;
    }

    /// <summary>Snapshot: reals [pending time].</summary>
    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        snapshot.EnsureFrom(this, KindName, SnapshotVersion);
        snapshot.EnsureShape(1, 0);
        return new State(this, context.Origin, snapshot.Random) { Next = new PlannedAction(snapshot.Reals[0], 0) };
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}(rates = [{string.Join(", ", _rates.Select(r => r.ToString("G4", CultureInfo.InvariantCulture)))}])");

    private sealed class State(PiecewiseRatePolicy policy, double origin, DecisionRandom random) : IPolicyState
    {
        private DecisionRandom _random = random;
        private readonly NextEventSampler _sampler = new();

        public PlannedAction Next { get; set; }

        public void Draw(double now) =>
            Next = new PlannedAction(_sampler.StartAfterAction(now, policy.LawFrom(now - origin), _random.NextExponential()), 0);

        public void Observe(in Event e, ReadOnlySpan<double> feedback)
        {
            if (e.Kind == EventKind.Action) Draw(e.Time);
        }

        public PolicySnapshot Snapshot() =>
            new(policy.Kind, SnapshotVersion, policy.ParameterHash, _random.Key, _random.Index, [Next.Time], []);
    }
}
