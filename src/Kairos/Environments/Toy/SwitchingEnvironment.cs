using Kairos.Numerics;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Environments.Toy;

/// <summary>
/// Toy environment 2, where the best policy depends on feedback. A user switches between "active" (s = 1) and
/// "idle" (s = 0) as a two-state Markov chain with rate κ each way, starting from its stationary law (½, ½). The
/// state is revealed by a feedback event at t = 0 and at every switch, and after every action (z = s). An action at
/// t earns r_{s(t)}: r₁ = <paramref name="activeReward"/>, r₀ = <paramref name="idleReward"/>.
/// <para>Optimum with the cost q_l/2 ∫λ²: actions do not move s and s(t) is known at t, so
/// E[Σ r] − q_l/2 E∫λ² = E∫(r_{s(t)} λ(t) − q_l λ(t)²/2) dt is maximised pointwise by λ*(t) = r_{s(t)}/q_l, worth
/// J* = T (r₁² + r₀²)/(4 q_l) (the chain spends half of the time in each state on average).</para>
/// <para>With <paramref name="intensityCost"/> q the episodes also report that objective and its penalty
/// (<see cref="IntensityCost"/>).</para>
/// </summary>
public sealed class SwitchingEnvironment(double horizon = 10, double switchRate = 0.5, double activeReward = 1,
    double idleReward = 0.25, double? intensityCost = null) : IIntensityCostedEnvironment
{
    public string Name => "toy-switching";
    public EpisodeSpec Spec { get; } = new(Require.Positive(horizon, nameof(horizon)), 1, 1);
    public double SwitchRate { get; } = Require.Positive(switchRate, nameof(switchRate));
    public double ActiveReward { get; } = Require.NonNegative(activeReward, nameof(activeReward));
    public double IdleReward { get; } = Require.NonNegative(idleReward, nameof(idleReward));

    public static readonly MetricDefinition RewardMetric =
        new("reward", "reward", MetricDirection.HigherIsBetter, "sum over actions of r_s(t): r₁ while active, r₀ while idle");
    public IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        RewardMetric,
        new("actions", "actions", MetricDirection.Neutral, "number of actions in [0, T]"),
        new("active_share", "fraction", MetricDirection.HigherIsBetter, "share of actions taken while the user was active (NaN without actions)"),
        .. intensityCost is { } q ? Simulation.IntensityCost.Metrics(q, RewardMetric) : [],
    ];
    public double? IntensityCost { get; } = intensityCost is { } q ? Require.Positive(q, nameof(intensityCost)) : null;
    public MetricDefinition Reward => RewardMetric;

    /// <summary>J* = T (r₁² + r₀²)/(4 q_l), the best value of reward − q_l/2 ∫λ².</summary>
    public double OptimalObjective(double qIntensity) =>
        Spec.Horizon * (ActiveReward * ActiveReward + IdleReward * IdleReward) / (4 * qIntensity);

    public IEpisode NewEpisode(Random rng) => new Episode(this, rng.NextDouble() < 0.5 ? 1 : 0);

    private sealed class Episode(SwitchingEnvironment env, int state) : IEpisode
    {
        private int _state = state, _actions, _activeActions;
        private double _reward;
        private bool _revealed;
        private double _nextSwitch = 0;   // the initial reveal at t = 0

        public double NextFeedbackTime => _nextSwitch;

        public Event TakeFeedback(Random rng)
        {
            double t = _nextSwitch;
            if (_revealed) _state = 1 - _state;
            _revealed = true;
            _nextSwitch = t + ExponentialDraw.Next(rng) / env.SwitchRate;
            return new Event(t, EventKind.Feedback, 0, _state);
        }

        public Event Act(double time, int mark, Random rng)
        {
            double r = _state == 1 ? env.ActiveReward : env.IdleReward;
            _actions++;
            if (_state == 1) _activeActions++;
            _reward += r;
            return new Event(time, EventKind.Action, mark, r);
        }

        public void Feedback(Span<double> z) => z[0] = _state;

        public IReadOnlyDictionary<string, double> Finish(Random rng) => new Dictionary<string, double>
        {
            ["reward"] = _reward, ["actions"] = _actions, ["active_share"] = _actions == 0 ? double.NaN : (double)_activeActions / _actions,
        };
    }
}
