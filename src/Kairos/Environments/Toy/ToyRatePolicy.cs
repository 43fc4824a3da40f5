using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Environments.Toy;

/// <summary>Poisson actions at a rate chosen by the last feedback value z[0] (rates[(int)z[0]]; rates[0] before any
/// feedback, or always when there is one rate); uniform marks. Exact under changes because the exponential
/// law is memoryless: the pending time is redrawn whenever the rate may have changed.</summary>
internal sealed class ToyRatePolicy : IDeliveryPolicy
{
    private const int SnapshotVersion = 1;
    private readonly double[] _rates;

    public ToyRatePolicy(string name, params double[] rates)
    {
        Name = name;
        _rates = rates;
        ParameterHash = Decisions.ParameterHash.Of(Kind, rates, name);
    }

    public string Name { get; }
    public string Kind => "toy-rate";
    public DecisionModes Modes => DecisionModes.Timing;
    public string ParameterHash { get; }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        var state = new State(this, context.MarkCount, random, 0);
        state.Draw(context.Origin);
        return state;
    }

    /// <summary>Snapshot: reals [next time], integers [next mark, rate index].</summary>
    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        snapshot.EnsureFrom(this, Kind, SnapshotVersion);
        snapshot.EnsureShape(1, 2);
        return new State(this, context.MarkCount, snapshot.Random, checked((int)snapshot.Integers[1]))
        {
            Next = new PlannedAction(snapshot.Reals[0], checked((int)snapshot.Integers[0])),
        };
    }

    private sealed class State(ToyRatePolicy policy, int marks, DecisionRandom random, int index) : IPolicyState, ISquaredIntensityIntegral
    {
        private DecisionRandom _random = random;
        private int _index = index;

        public PlannedAction Next { get; set; }

        public void Observe(in Event e, ReadOnlySpan<double> feedback)
        {
            var rates = policy._rates;
            if (rates.Length > 1 && feedback.Length > 0)
                _index = Math.Clamp((int)Math.Round(feedback[0]), 0, rates.Length - 1);
            Draw(e.Time);
        }

        public void Draw(double now)
        {
            double rate = policy._rates[_index];
            double t = rate > 0 ? now + _random.NextExponential() / rate : double.PositiveInfinity;
            Next = new PlannedAction(t, marks > 1 ? _random.NextInt(marks) : 0);
        }

        /// <summary>The rate is constant until the next event: ∫ rate² dt = rate²·(to − from).</summary>
        public double SquaredIntensityIntegral(double from, double to)
        {
            double rate = policy._rates[_index];
            return rate * rate * Math.Max(to - from, 0);
        }

        public PolicySnapshot Snapshot() =>
            new(policy.Kind, SnapshotVersion, policy.ParameterHash, _random.Key, _random.Index, [Next.Time], [Next.Mark, _index]);
    }
}
