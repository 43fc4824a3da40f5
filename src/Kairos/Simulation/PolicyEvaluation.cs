namespace Kairos.Simulation;

/// <summary>Per-episode results of one policy, with summary statistics per metric.</summary>
public sealed record PolicyEvaluation(string Policy, IReadOnlyList<EpisodeResult> Episodes)
{
    public double MeanActions => Episodes.Count == 0 ? 0 : Episodes.Average(e => (double)e.Actions);

    public IReadOnlyList<string> MetricNames =>
        Episodes.SelectMany(e => e.Metrics.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();

    public double[] Values(string metric) =>
        Episodes.Select(e => e.Metrics.TryGetValue(metric, out var v) ? v : double.NaN).ToArray();

    public SummaryStatistics Summary(string metric) => SummaryStatistics.Of(Values(metric));
}
