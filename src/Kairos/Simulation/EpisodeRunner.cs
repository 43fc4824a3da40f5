using Kairos.Numerics;
using Kairos.Policies;
using Kairos.PointProcesses;

namespace Kairos.Simulation;

/// <summary>
/// The event loop: merges the policy's next action with the environment's next feedback, in time order, until
/// the horizon. Feedback is revealed to the policy only at its time, so a sampling policy refines its pending
/// sample instead of peeking (TPPRL Alg. 2). Ties go to feedback (it happened first as far as the policy knows).
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
        var policyRng = SeedSequence.Stream(seed, 2 * index + 1);
        return Run(env, policy, envRng, policyRng, record, maxEvents);
    }

    public static EpisodeResult Run(IEnvironment env, IDeliveryPolicy policy, Random envRng, Random policyRng,
        bool record = false, int maxEvents = DefaultMaxEvents)
    {
        var spec = env.Spec;
        var episode = env.NewEpisode(envRng);
        var state = policy.CreateState(spec, policyRng);
        var history = record ? new History() : null;
        Span<double> z = spec.FeedbackSize <= 64 ? stackalloc double[spec.FeedbackSize] : new double[spec.FeedbackSize];
        int actions = 0, events = 0;
        while (true)
        {
            var next = state.Next;
            double tf = episode.NextFeedbackTime;
            double t = Math.Min(next.Time, tf);
            if (!(t <= spec.Horizon)) break;   // also stops on NaN
            Event e;
            if (tf <= next.Time) e = episode.TakeFeedback(envRng);
            else
            {
                if (next.Mark < 0 || next.Mark >= spec.MarkCount)
                    throw new InvalidOperationException($"Policy '{policy.Name}' chose mark {next.Mark}, outside [0, {spec.MarkCount}).");
                e = episode.Act(next.Time, next.Mark, envRng);
                actions++;
            }
            episode.Feedback(z);
            state.Observe(e, z, policyRng);
            history?.Add(e);
            if (++events > maxEvents)
                throw new InvalidOperationException(
                    $"Policy '{policy.Name}' produced more than {maxEvents} events in one episode of '{env.Name}'.");
        }
        return new EpisodeResult(actions, episode.Finish(envRng), history);
    }
}
