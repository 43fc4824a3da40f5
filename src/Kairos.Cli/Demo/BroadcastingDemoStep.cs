using System.Globalization;
using Kairos.Environments.Broadcasting;
using Kairos.Evaluation.Broadcasting;
using Kairos.Numerics;
using Kairos.Reports;

namespace Kairos.Cli.Demo;

/// <summary>Short smart-broadcasting run (docs/broadcasting.md has the full experiment): a few seeded broadcasters,
/// one TPPRL policy trained per broadcaster, the baselines matched to its posts, ratios to uniform Poisson.</summary>
public sealed class BroadcastingDemoStep : IDemoStep
{
    public string Name => "broadcasting";

    public IReadOnlyList<DemoSummaryRow> Run(DemoContext context)
    {
        int users = context.Quick ? 2 : 4;
        var settings = new BroadcastingSettings { Runs = 10, Iterations = context.Quick ? 40 : 150, Seed = context.Seed, Threads = -1 };
        var results = BroadcastingExperiment.Run(users, BroadcastingPolicySpec.ParseList("poisson,redqueen,karimi,tpprl"), settings,
            folder: null, progress: context.Progress);
        var summary = BroadcastingExperiment.Summarize(results);
        var section = context.Report.AddSection("Smart broadcasting: when to post so followers see us");
        section.Paragraph($"{users} seeded broadcasters (20 followers, ≤ 5 other sources each, prioritized feed), a TPPRL policy " +
            $"trained per broadcaster for {settings.Iterations} iterations of 16 windows to {settings.TrainBudget:G3} posts per window " +
            "(dual ascent on a post price) on the reward time_at_top/top₀ − avg_rank/rank₀ (both in units of a uniform Poisson run on " +
            "training windows), RedQueen and Karimi matched to the posts it makes on the test window. " +
            "Metrics divided by uniform Poisson at the same budget (lower rank is better, more time at the top is better). " +
            "The full experiment: `kairos experiment broadcasting --users 100 --runs 25` (docs/broadcasting.md).");
        section.Table(["policy", "posts", "metric", "mean", "median"],
            summary.Select(x => (IReadOnlyList<string>)[x.Policy, F(x.MeanPosts), x.Metric, F(x.Mean), F(x.Median)]));
        string Ratio(string policy, string metric) => F(summary.First(x => x.Policy == policy && x.Metric == metric).Mean);
        return
        [
            new("broadcasting", "TPPRL avg-rank ÷ Poisson", Ratio("tpprl", "avg_rank_ratio"), $"RedQueen {Ratio("redqueen", "avg_rank_ratio")}; paper 0.737 (files), 0.67 (text)"),
            new("broadcasting", "TPPRL time-at-top ÷ Poisson", Ratio("tpprl", "time_at_top_ratio"), $"RedQueen {Ratio("redqueen", "time_at_top_ratio")}; paper 1.038 (files), 1.11 (text)"),
        ];
    }

    private static string F(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
