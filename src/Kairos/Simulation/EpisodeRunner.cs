using Kairos.Decisions;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Simulation;

/// <summary>
/// The event loop: merges three sources in time order until the horizon — the policy's own timing, the
/// environment's feedback, and exogenous opportunities. Exogenous events are revealed to the policy only at their
/// time, so a sampling policy refines its pending sample instead of peeking (TPPRL Alg. 2); ties go to the
/// exogenous event (it happened first as far as the policy knows). At an opportunity a choice policy decides: an
/// action is executed and observed, "none" is recorded by the policy itself. A timing policy acts on its own clock
/// and observes opportunities as events.
/// </summary>
public static class EpisodeRunner
{
    /// <summary>Safety cap on events per episode; a policy that exceeds it is reported, not looped on forever.</summary>
    public const int DefaultMaxEvents = 1_000_000;

    /// <summary>Runs episode <paramref name="index"/> of a run seeded with <paramref name="seed"/>. The environment
    /// and the policy get separate streams, so the same (seed, index) gives the same user for every policy.</summary>
    public static EpisodeResult Run(IEnvironment env, IDeliveryPolicy policy, int seed, long index,
        bool record = false, int maxEvents = DefaultMaxEvents)
    {
        var envRng = SeedSequence.Stream(seed, 2 * index);
        var random = new DecisionRandom(DecisionRandom.KeyFor(seed, 2 * index + 1));
        return Run(env, policy, envRng, random, record, maxEvents);
    }

    public static EpisodeResult Run(IEnvironment env, IDeliveryPolicy policy, Random envRng, DecisionRandom random,
        bool record = false, int maxEvents = DefaultMaxEvents)
    {
        var spec = env.Spec;
        var (timing, choice) = Modes(env, policy);
        var episode = env.NewEpisode(envRng);
        var state = policy is IEpisodeAwarePolicy aware ? aware.CreateState(spec.Context, random, episode) : policy.CreateState(spec.Context, random);
        var history = record ? new History() : null;
        var meter = SquaredIntensityMeter.For(env, policy, state);
        Span<double> z = spec.FeedbackSize <= 64 ? stackalloc double[spec.FeedbackSize] : new double[spec.FeedbackSize];
        int actions = 0, events = 0, decisions = 0;
        while (true)
        {
            var next = timing ? state.Next : PlannedAction.None;
            double tf = episode.NextFeedbackTime;
            double t = Math.Min(next.Time, tf);
            if (!(t <= spec.Horizon)) break;   // also stops on NaN
            meter?.Until(t);
            if (tf <= next.Time)
            {
                var e = episode.TakeFeedback(envRng);
                episode.Feedback(z);
                history?.Add(e);
                if (choice && e.Kind == EventKind.Opportunity)
                {
                    decisions++;
                    var d = state.Decide(e, z);
                    if (d.Acts)
                    {
                        Act(env, policy, episode, state, e.Time, d.Mark, envRng, z, history);
                        actions++;
                    }
                    else episode.Decline(e, envRng);
                }
                else state.Observe(e, z);
            }
            else
            {
                Act(env, policy, episode, state, next.Time, next.Mark, envRng, z, history);
                actions++;
            }
            if (++events > maxEvents)
                throw new UserInputException(
                    $"policy '{policy.Name}' produced more than {CountText.Of(maxEvents, "event")} in one episode of '{env.Name}': its rate is far " +
                    "beyond the environment's scale (a policy file with huge parameters, a budget or rate setting too large, or training that diverged)");
        }
        var metrics = episode.Finish(envRng);
        if (meter is not null) metrics = meter.Score(spec.Horizon, metrics, env.Reward.Name);
        CheckMetrics(env, metrics);
        return new EpisodeResult(actions, metrics, metrics[env.Reward.Name], history, decisions);
    }

    /// <summary>Which decisions the loop asks <paramref name="policy"/> for in <paramref name="env"/>; refuses a pair
    /// with nothing in common.</summary>
    public static (bool Timing, bool Choice) Modes(IEnvironment env, IDeliveryPolicy policy)
    {
        var common = env.Accepts & policy.Modes;
        if (common == 0)
            throw new PolicyContextException(
                $"policy '{policy.Name}' makes {policy.Modes} decisions, but environment '{env.Name}' accepts only {env.Accepts} decisions.");
        return ((common & DecisionModes.Timing) != 0, (common & DecisionModes.Choice) != 0);
    }

    private static void Act(IEnvironment env, IDeliveryPolicy policy, IEpisode episode, IPolicyState state, double time,
        int mark, Random envRng, Span<double> z, History? history)
    {
        if (mark < 0 || mark >= env.Spec.MarkCount)
            throw new InvalidOperationException($"Policy '{policy.Name}' chose mark {mark}, outside [0, {env.Spec.MarkCount}).");
        var e = episode.Act(time, mark, envRng);
        episode.Feedback(z);
        state.Observe(e, z);
        history?.Add(e);
    }

    private static void CheckMetrics(IEnvironment env, IReadOnlyDictionary<string, double> metrics)
    {
        foreach (var m in env.Metrics)
            if (!metrics.ContainsKey(m.Name))
                throw new InvalidOperationException($"environment '{env.Name}' declared metric '{m.Name}' but did not report it.");
        if (metrics.Count != env.Metrics.Count)
            throw new InvalidOperationException(
                $"environment '{env.Name}' reported undeclared metrics: {string.Join(", ", metrics.Keys.Except(env.Metrics.Select(m => m.Name)))}.");
    }
}
