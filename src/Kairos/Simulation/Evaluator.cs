using Kairos.Decisions;

namespace Kairos.Simulation;

/// <summary>
/// Runs many episodes of several policies in parallel. Episode i of every policy uses the same environment
/// stream (seed, i), so policies are compared on the same users; results are independent of thread count.
/// With <c>record</c> each episode keeps its event history (for plots; costs memory).
/// </summary>
public static class Evaluator
{
    public static IReadOnlyList<PolicyEvaluation> Evaluate(IEnvironment env,
        IReadOnlyList<IDeliveryPolicy> policies, int episodes, int seed,
        int maxDegreeOfParallelism = -1, IProgressSink? progress = null, bool record = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(episodes);
        foreach (var policy in policies) EpisodeRunner.Modes(env, policy);   // refuse a mismatch once, before any episode
        var results = new EpisodeResult[policies.Count][];
        int done = 0, total = policies.Count * episodes;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        for (int p = 0; p < policies.Count; p++)
        {
            var row = results[p] = new EpisodeResult[episodes];
            var policy = policies[p];
            Parallel.For(0, episodes, options, i =>
            {
                row[i] = EpisodeRunner.Run(env, policy, seed, i, record);
                int d = Interlocked.Increment(ref done);
                if (progress is not null && (d % 16 == 0 || d == total))
                    lock (progress) progress.Report(d, policy.Name);
            });
        }
        return policies.Select((p, k) => new PolicyEvaluation(p.Name, results[k])).ToList();
    }
}
