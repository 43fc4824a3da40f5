using System.Globalization;
using Kairos.Numerics;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Policies;

/// <summary>
/// Homogeneous Poisson actions at <see cref="Rate"/> per time unit, each for a uniformly chosen mark: TPPRL's
/// uniform baseline, applied in time order (gaps ~ Exp(rate)). The authors' script drew Poisson(budget) uniform
/// times but applied them unsorted, which wrecked their uniform baseline (≈6% recall instead of ≈28%).
/// </summary>
public sealed class UniformPolicy : IDeliveryPolicy
{
    public UniformPolicy(double rate) => Rate = Require.Positive(rate, nameof(rate));

    /// <summary>Actions per time unit (reviews per day in spaced repetition).</summary>
    public double Rate { get; }
    public string Name => "uniform";

    public IPolicyState CreateState(EpisodeSpec spec, Random rng) => new State(this, spec.MarkCount, rng);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"uniform(rate={Rate:G6}/unit)");

    private sealed class State : IPolicyState
    {
        private readonly UniformPolicy _policy;
        private readonly int _marks;

        public State(UniformPolicy policy, int marks, Random rng)
        {
            (_policy, _marks) = (policy, marks);
            Next = Draw(0, rng);
        }

        public PlannedAction Next { get; private set; }

        public void Observe(in Event e, ReadOnlySpan<double> feedback, Random rng)
        {
            if (e.Kind == EventKind.Action) Next = Draw(e.Time, rng);
        }

        private PlannedAction Draw(double now, Random rng) =>
            new(now - Fn.Log1p(-rng.NextDouble()) / _policy.Rate, rng.Next(_marks));
    }
}
