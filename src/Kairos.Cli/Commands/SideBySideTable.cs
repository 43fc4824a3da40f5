using System.Globalization;
using Kairos.Evaluation;
using Kairos.Simulation;

namespace Kairos.Cli.Commands;

/// <summary>The report's one table of all policies: each metric's mean ± standard error, and the primary metric's
/// paired difference against a reference policy (the best baseline: largest mean primary metric; its own cell is "—"),
/// ± its paired SE.</summary>
internal static class SideBySideTable
{
    public static (string[] Header, List<IReadOnlyList<string>> Rows, string Reference) Build(EvaluationResult result)
    {
        var (scenario, policies) = (result.Scenario, result.Policies);
        string primary = scenario.PrimaryMetric;
        var repeats = ActionCountMetrics.Of(result);
        var metrics = policies.SelectMany(p => p.MetricNames).Distinct().Where(m => !repeats.Contains(m))
            .OrderBy(m => m == primary ? 0 : 1).ThenBy(m => m, StringComparer.Ordinal).ToList();
        var baselines = policies.Where(p => scenario.BaselineNames.Contains(p.Policy)).ToList();
        var reference = (baselines.Count > 0 ? baselines : policies).MaxBy(p => MeanWithError.Of(p.Values(primary)).Mean)!;
        var header = new[] { "policy", "rank", ActionCountMetrics.Label(repeats) }.Concat(metrics.Select(m => m == primary ? m + " *" : m))
            .Append($"Δ {primary} vs {reference.Policy} (paired)").ToArray();
        var rows = new List<IReadOnlyList<string>>();
        var ranks = PrimaryRank.Of(result);
        foreach (var (p, rank) in policies.Zip(ranks))
        {
            var row = new List<string> { p.Policy, rank is { } k ? "#" + k.ToString(CultureInfo.InvariantCulture) : "", Pm(MeanWithError.Of(p.Episodes.Select(e => (double)e.Actions))) };
            row.AddRange(metrics.Select(m => p.MetricNames.Contains(m) ? Pm(MeanWithError.Of(p.Values(m))) : ""));
            row.Add(ReferenceOf(p) ? "—" : Pm(MeanWithError.Paired(p.Values(primary), reference.Values(primary))));
            rows.Add(row);
        }
        return (header, rows, reference.Policy);

        bool ReferenceOf(PolicyEvaluation p) => ReferenceEquals(p, reference);
    }

    /// <summary>"0.4632 ± 0.0051"; "n/a" without finite values.</summary>
    private static string Pm(MeanWithError m) =>
        m.Count == 0 ? "n/a"
        : m.Count == 1 || !double.IsFinite(m.StandardError) ? G(m.Mean)
        // A constant (e.g. a constant rate's penalty) has SE 0 up to rounding: "± 0", not "± 3.1E-16".
        : m.StandardError <= 1e-9 * Math.Abs(m.Mean) ? $"{G(m.Mean)} ± 0"
        : $"{G(m.Mean)} ± {m.StandardError.ToString("G2", CultureInfo.InvariantCulture)}";

    private static string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
