using Kairos.Evaluation;

namespace Kairos.Cli.Commands;

/// <summary>Each policy's place by the mean of the scenario's primary metric (the one policies maximise; 1 = best),
/// or null when that mean is not finite.</summary>
internal static class PrimaryRank
{
    public static int?[] Of(EvaluationResult result)
    {
        var means = result.Policies.Select(p => MeanWithError.Of(p.Values(result.Scenario.PrimaryMetric)).Mean).ToArray();
        return means.Select(m => double.IsFinite(m) ? 1 + means.Count(o => double.IsFinite(o) && o > m) : (int?)null).ToArray();
    }
}
