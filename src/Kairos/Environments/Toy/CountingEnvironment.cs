using Kairos.Numerics;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Environments.Toy;

/// <summary>
/// Toy environment 1: the reward is the number of actions in [0, T]; nothing else happens. With TPPRL's intensity
/// cost q_l/2 ∫λ² the objective E[N(T)] − q_l/2 E∫λ² = ∫(λ − q_l λ²/2) dt is maximised pointwise by the constant
/// intensity λ* = 1/q_l, worth T/(2 q_l). With <paramref name="markCount"/> ≥ 2 marks (throughput benchmarks) each
/// action reports z = 1 for even marks, 0 for odd ones; the reward still counts every action. With
/// <paramref name="intensityCost"/> q the episodes also report the objective and its penalty (<see cref="IntensityCost"/>).
/// </summary>
public sealed class CountingEnvironment(double horizon = 10, int markCount = 1, double? intensityCost = null) : IIntensityCostedEnvironment
{
    public string Name => "toy-counting";
    public EpisodeSpec Spec { get; } = new(Require.Positive(horizon, nameof(horizon)), Require.Positive(markCount, nameof(markCount)),
        markCount > 1 ? 1 : 0);

    public static readonly MetricDefinition RewardMetric =
        new("reward", "actions", MetricDirection.HigherIsBetter, "the number of actions in [0, T]");
    public double? IntensityCost { get; } = intensityCost is { } q ? Require.Positive(q, nameof(intensityCost)) : null;
    public IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        RewardMetric, new("actions", "actions", MetricDirection.Neutral, "number of actions in [0, T]"),
        .. intensityCost is { } q ? Simulation.IntensityCost.Metrics(q, RewardMetric) : [],
    ];
    public MetricDefinition Reward => RewardMetric;

    public IEpisode NewEpisode(Random rng) => new Episode(Spec.MarkCount > 1);

    private sealed class Episode(bool marked) : IEpisode
    {
        private int _actions, _lastMark;
        public double NextFeedbackTime => double.PositiveInfinity;
        public Event TakeFeedback(Random rng) => throw new InvalidOperationException("the counting environment has no feedback events.");

        public Event Act(double time, int mark, Random rng)
        {
            _actions++;
            _lastMark = mark;
            return new Event(time, EventKind.Action, mark, 1.0);
        }

        public void Feedback(Span<double> z)
        {
            if (marked) z[0] = _lastMark % 2 == 0 ? 1 : 0;
        }

        public IReadOnlyDictionary<string, double> Finish(Random rng) =>
            new Dictionary<string, double> { ["reward"] = _actions, ["actions"] = _actions };
    }
}
