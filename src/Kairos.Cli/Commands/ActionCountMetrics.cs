using Kairos.Evaluation;
using Kairos.Simulation;

namespace Kairos.Cli.Commands;

/// <summary>Descriptive metrics that are the action count under another name (spaced repetition's "reviews"): equal to
/// the number of actions in every episode of every policy. Tables show that number once, as "actions (= reviews)".</summary>
internal static class ActionCountMetrics
{
    public static IReadOnlySet<string> Of(EvaluationResult result)
    {
        // Only descriptive metrics: a reward that counts actions (toy-counting's) is what policies are scored by.
        var neutral = result.Scenario.CreateEnvironment().Metrics.Where(m => m.Direction == MetricDirection.Neutral).Select(m => m.Name).ToHashSet();
        return result.Policies.SelectMany(p => p.MetricNames).Distinct()
            .Where(m => neutral.Contains(m) && result.Policies.All(p => p.Episodes.All(e => e.Metrics.TryGetValue(m, out var v) && v == e.Actions)))
            .ToHashSet();
    }

    /// <summary>"actions", or "actions (= reviews)" when a metric of another name repeats it.</summary>
    public static string Label(IReadOnlySet<string> repeats)
    {
        var others = repeats.Where(d => d != "actions").Order(StringComparer.Ordinal).ToList();
        return others.Count == 0 ? "actions" : $"actions (= {string.Join(", ", others)})";
    }
}
