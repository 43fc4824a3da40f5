using Kairos.Numerics;
using Kairos.Policies;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Environments.Toy;

/// <summary>Poisson actions at a rate chosen by the last feedback value z[0] (rates[(int)z[0]]; rates[0] before any
/// feedback, or always when there is one rate); uniform marks. Exact under changes because the exponential
/// law is memoryless: the pending time is redrawn whenever the rate may have changed.</summary>
internal sealed class ToyRatePolicy(string name, params double[] rates) : IDeliveryPolicy
{
    public string Name { get; } = name;

    public IPolicyState CreateState(EpisodeSpec spec, Random rng) => new State(rates, spec.MarkCount, rng);

    private sealed class State : IPolicyState
    {
        private readonly double[] _rates;
        private readonly int _marks;
        private int _index;

        public State(double[] rates, int marks, Random rng)
        {
            (_rates, _marks) = (rates, marks);
            Draw(0, rng);
        }

        public PlannedAction Next { get; private set; }

        public void Observe(in Event e, ReadOnlySpan<double> feedback, Random rng)
        {
            if (_rates.Length > 1 && feedback.Length > 0)
                _index = Math.Clamp((int)Math.Round(feedback[0]), 0, _rates.Length - 1);
            Draw(e.Time, rng);
        }

        private void Draw(double now, Random rng)
        {
            double rate = _rates[_index];
            double t = rate > 0 ? now - Fn.Log1p(-rng.NextDouble()) / rate : double.PositiveInfinity;
            Next = new PlannedAction(t, _marks > 1 ? rng.Next(_marks) : 0);
        }
    }
}
