using Kairos.Models.SpacedRepetition;
using Kairos.Simulation;

namespace Kairos.Environments.SpacedRepetition;

/// <summary>
/// A student learning <see cref="StudentModel.ItemCount"/> items (TPPRL §5.1), drawn per episode from
/// <see cref="SpacedRepetitionOptions.Student"/> (the exponential TPPRL student or the FSRS-6 student). An action of mark i at t is a
/// review of item i: it draws recall ~ Bernoulli(m_i(t)), reported in <see cref="PointProcesses.Event.Value"/>
/// (1 recalled, 0 forgotten) and as the feedback vector z = (recall) — or z = (recall, Δ_i/T) with
/// <see cref="SpacedRepetitionOptions.ItemElapsedFeedback"/>. There are no exogenous events.
/// At T + τ every item is tested once; the metrics are listed in <see cref="SpacedRepetitionMetrics"/>.
/// </summary>
public sealed class SpacedRepetitionEnvironment : IEnvironment
{
    public const string EnvironmentName = "spaced-repetition";

    public SpacedRepetitionEnvironment(SpacedRepetitionOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Spec = new EpisodeSpec(options.Horizon, options.Student.ItemCount, FeedbackSize: options.ItemElapsedFeedback ? 2 : 1,
            TimeUnit: "days");
    }

    public SpacedRepetitionOptions Options { get; }
    public string Name => EnvironmentName;
    public EpisodeSpec Spec { get; }
    public IReadOnlyList<MetricDefinition> Metrics => SpacedRepetitionMetrics.For(Options.Student);
    public MetricDefinition Reward => SpacedRepetitionMetrics.RecallMetric;

    public IEpisode NewEpisode(Random rng) => new SpacedRepetitionEpisode(Options, rng);

    public override string ToString() =>
        FormattableString.Invariant($"SpacedRepetition({Options.Student}, T={Options.Horizon:R}, τ={Options.TestDelay:R})");
}
