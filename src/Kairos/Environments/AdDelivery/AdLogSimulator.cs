using Kairos.Data.AdLogs;
using Kairos.Decisions;
using Kairos.Numerics;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Environments.AdDelivery;

/// <summary>
/// Simulates ad-delivery users under a (logging) choice policy and writes what a platform would log: feedback,
/// opportunities, and at each opportunity the decision (mark 0 = no ad, k = ad k, value = its cost) with the policy's
/// probability of it. User i is episode i of <see cref="EpisodeRunner.Run(IEnvironment, IDeliveryPolicy, int, long, bool, int)"/>
/// under the same seed (same streams), so its logged utility is the one `evaluate` reports for that policy.
/// Deterministic given the seed at any thread count.
/// </summary>
public static class AdLogSimulator
{
    public sealed record Result(AdLogSet Log, double[] Utility);

    public static Result Simulate(AdDeliveryEnvironment env, IDeliveryPolicy policy, int users, int seed, int firstUser = 0,
        int threads = -1, IProgressSink? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(users);
        EpisodeRunner.Modes(env, policy);
        var logs = new AdUserLog[users];
        var utility = new double[users];
        int done = 0;
        Parallel.For(0, users, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            long index = firstUser + (long)i;
            (logs[i], utility[i]) = One(env, policy, seed, index);
            int d = Interlocked.Increment(ref done);
            if (progress is not null && (d % 64 == 0 || d == users)) lock (progress) progress.Report(d, policy.Name);
        });
        var names = new AdMarkNames(AdMarks.DefaultFeedbackNames, Enumerable.Range(1, env.Config.AdCount).Select(k => $"ad{k}").ToArray());
        return new Result(new AdLogSet(logs, names), utility);
    }

    /// <summary>User <paramref name="index"/>'s log and true utility.</summary>
    public static (AdUserLog Log, double Utility) One(AdDeliveryEnvironment env, IDeliveryPolicy policy, int seed, long index)
    {
        var spec = env.Spec;
        var envRng = SeedSequence.Stream(seed, 2 * index);
        var random = new DecisionRandom(DecisionRandom.KeyFor(seed, 2 * index + 1));
        var episode = env.NewEpisode(envRng);
        var state = policy is IEpisodeAwarePolicy aware ? aware.CreateState(spec.Context, random, episode) : policy.CreateState(spec.Context, random);
        var events = new List<Event>();
        var propensities = new List<double?>();
        while (episode.NextFeedbackTime <= spec.Horizon)
        {
            var e = episode.TakeFeedback(envRng);
            events.Add(e);
            if (e.Kind != EventKind.Opportunity)
            {
                state.Observe(e, []);
                continue;
            }
            var d = state.Decide(e, []);
            propensities.Add(d.Probability);
            if (!d.Acts)
            {
                episode.Decline(e, envRng);
                events.Add(new Event(e.Time, EventKind.Action, AdMarks.None, 0));
                continue;
            }
            var action = episode.Act(e.Time, d.Mark, envRng);
            state.Observe(action, []);
            events.Add(action with { Mark = AdMarks.FromDecision(action.Mark) });
        }
        var metrics = episode.Finish(envRng);
        return (new AdUserLog($"u{index}", new ObservationWindow(0, spec.Horizon), events, propensities), metrics[env.Reward.Name]);
    }
}
