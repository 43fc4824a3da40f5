using System.CommandLine;
using System.Globalization;
using Kairos.Environments.Broadcasting;
using Kairos.Evaluation.Broadcasting;
using Kairos.Reports;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos experiment broadcasting --users 100 --runs 25`: one TPPRL policy trained per seeded broadcaster, the
/// baselines matched to its posts, ratios to uniform Poisson summarised across users (median, mean, IQR) with box
/// plots. Resumable (--out), parallel over users, deterministic given --seed.</summary>
public static class ExperimentCommand
{
    public static Command Create(CliIO io)
    {
        var name = new Argument<string>("experiment") { Description = "Experiment name: broadcasting or ad-ope-coverage" };
        var users = new Option<int>("--users") { Description = "Seeded broadcasters, in [1, 10000] (default 100).", DefaultValueFactory = _ => 100 };
        var runs = new Option<int>("--runs") { Description = "Test runs per policy and broadcaster, in [1, 10000] (default 25, as the authors).", DefaultValueFactory = _ => 25 };
        var feed = new Option<string>("--feed") { Description = "Feed: chronological or prioritized (default prioritized).", DefaultValueFactory = _ => "prioritized" };
        var policies = new Option<string>("--policies") { Description = "Policies (default poisson,redqueen,karimi,tpprl; tpprl-wt0 adds the w_t = 0 ablation).", DefaultValueFactory = _ => "poisson,redqueen,karimi,tpprl" };
        var iterations = new Option<int>("--iterations") { Description = "SGD iterations per TPPRL policy (batch 16), in [1, 100000] (default 300).", DefaultValueFactory = _ => 300 };
        var q = new Option<double>("--q") { Description = "TPPRL intensity cost q (q/2 ∫u² dt, u in posts per hour), ≥ 0 (default 0: the --budget prices posts instead).", DefaultValueFactory = _ => 0 };
        var reward = new Option<string>("--reward") { Description = "Metric TPPRL maximises: rank_and_top (default: time_at_top/top₀ − avg_rank/rank₀, both in units of a uniform Poisson run on the training windows, so one policy gains on both), neg_avg_rank (the average rank alone) or time_at_top (the authors' top-1 training).", DefaultValueFactory = _ => "rank_and_top" };
        var budget = new Option<double>("--budget") { Description = "Train TPPRL to this many posts per window (dual ascent on a price per post, `kairos train --budget`), in [0, 1000] (default 5; 0 = no budget, the posts follow from --q > 0).", DefaultValueFactory = _ => 5 };
        var lr = new Option<double>("--lr") { Description = "TPPRL Adam learning rate lr0 (decay 0.001 per update), in (0, 1] (default 0.01, the authors').", DefaultValueFactory = _ => 0.01 };
        var hidden = new Option<int>("--hidden") { Description = "TPPRL RNN state units, in [1, 256] (default 8, the authors').", DefaultValueFactory = _ => 8 };
        var baseline = new Option<string>("--baseline") { Description = "TPPRL variance reducer: batch-mean (default, the authors') or leave-one-out-causal.", DefaultValueFactory = _ => "batch-mean" };
        var output = new Option<string?>("--out") { Description = "Folder for results.jsonl (one line per finished user; an interrupted run resumes from it) and the trained policies (default: kairos-experiments/broadcasting-<feed>-seed<seed>)." };
        var report = new Option<string?>("--report") { Description = "Also write an HTML report with box plots to this file." };
        var threads = CliOptions.Threads("Users run in parallel, -1 = all cores (default); results do not depend on it.");
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var cmd = new Command("experiment", "Run a paper experiment over many users.\nExamples:\n" +
            "  kairos experiment broadcasting --users 100 --runs 25 --seed 1 --json\n" +
            "  kairos experiment broadcasting --feed chronological --users 20 --report out/broadcasting.html\n" +
            "  kairos experiment ad-delivery --sizes 250,500,1000,2000 --eval-users 1000 --seed 1 --json\n" +
            "  kairos experiment ad-ope-coverage --reps 50 --seed 1 --json")
        { name, users, runs, feed, policies, iterations, q, reward, budget, lr, hidden, baseline, output, report, threads, seed, json };
        var adOpe = new AdOpeCoverageExperiment();
        foreach (var o in adOpe.Options) cmd.Options.Add(o);
        cmd.SetAction(pr => pr.GetValue(name) == AdOpeCoverageExperiment.Name
            ? adOpe.Run(io, pr, pr.GetValue(threads), pr.GetValue(seed), pr.GetValue(json))
            : Run(io, pr.GetValue(name)!, pr.GetValue(users), pr.GetValue(runs), pr.GetValue(feed)!, pr.GetValue(policies)!,
                new Training(pr.GetValue(iterations), pr.GetValue(q), pr.GetValue(reward)!, pr.GetValue(budget), pr.GetValue(lr), pr.GetValue(hidden), pr.GetValue(baseline)!),
                pr.GetValue(output), pr.GetValue(report), pr.GetValue(threads), pr.GetValue(seed), pr.GetValue(json)));
        cmd.Subcommands.Add(AdDeliveryExperimentCommand.Subcommand(io));
        cmd.Subcommands.Add(AdUpliftCommand.Subcommand(io));
        cmd.Subcommands.Add(AdDeliveryCurveCommand.Subcommand(io));
        return cmd;
    }

    /// <summary>The TPPRL training flags.</summary>
    private sealed record Training(int Iterations, double Q, string Reward, double Budget, double Lr, int Hidden, string Baseline);

    /// <summary>Broadcasting episodes per second, on the fast side of measured (about 24,000 per second per core).</summary>
    private const double BroadcastingEpisodesPerSecond = 100_000;

    private static int Run(CliIO io, string name, int users, int runs, string feedName, string policyList, Training t,
        string? output, string? report, int threads, int seed, bool json)
    {
        var (iterations, q, reward) = (t.Iterations, t.Q, t.Reward);
        var errors = new List<string>();
        if (name != "broadcasting") errors.Add($"unknown experiment '{name}'.{DidYouMean.Hint(name, ["broadcasting", AdOpeCoverageExperiment.Name])} Valid: broadcasting, {AdOpeCoverageExperiment.Name}");
        if (users is < 1 or > 10_000) errors.Add($"--users must lie in [1, 10000], got {users}");
        if (runs is < 1 or > 10_000) errors.Add($"--runs must lie in [1, 10000], got {runs}");
        if (iterations is < 1 or > 100_000) errors.Add($"--iterations must lie in [1, 100000], got {iterations}");
        if (!(q >= 0 && q <= 1e6)) errors.Add($"--q must lie in [0, 1000000], got {q.ToString(CultureInfo.InvariantCulture)}");
        if (!(t.Budget >= 0 && t.Budget <= 1000)) errors.Add($"--budget must lie in [0, 1000] posts per window (0 = none), got {t.Budget.ToString(CultureInfo.InvariantCulture)}");
        else if (t.Budget == 0 && !(q > 0)) errors.Add("--budget 0 trains without a budget, so the posts follow from the intensity cost alone: give --q > 0 (e.g. --q 10)");
        if (!(t.Lr > 0 && t.Lr <= 1)) errors.Add($"--lr must lie in (0, 1], got {t.Lr.ToString(CultureInfo.InvariantCulture)}");
        if (t.Hidden is < 1 or > 256) errors.Add($"--hidden must lie in [1, 256], got {t.Hidden}");
        Learning.BaselineKind? kind = t.Baseline switch { "batch-mean" => Learning.BaselineKind.BatchMean, "leave-one-out-causal" => Learning.BaselineKind.LeaveOneOutCausal, _ => null };
        if (kind is null) errors.Add($"--baseline '{t.Baseline}': unknown.{DidYouMean.Hint(t.Baseline, ["batch-mean", "leave-one-out-causal"])} Valid: batch-mean, leave-one-out-causal");
        string[] rewards = [BroadcastingMetrics.TimeAtTop, BroadcastingMetrics.NegativeAverageRank, BroadcastingMetrics.RankAndTop];
        if (!rewards.Contains(reward)) errors.Add($"--reward '{reward}': unknown.{DidYouMean.Hint(reward, rewards)} Valid: {string.Join(", ", rewards)}");
        if (report is not null && string.IsNullOrWhiteSpace(report)) errors.Add("--report needs a file path");
        FeedKind feed = FeedKind.Prioritized;
        try { feed = FeedKinds.Parse(feedName); } catch (UserInputException e) { errors.Add(e.Message); }
        IReadOnlyList<BroadcastingPolicySpec> specs = [];
        try { specs = BroadcastingPolicySpec.ParseList(policyList); } catch (UserInputException e) { errors.AddRange(e.Problems); }
        if (specs.Any(p => p.File is not null)) errors.Add("--policies: the experiment trains its own policies; give tpprl or tpprl-wt0 without a file");
        int learned = specs.Count(p => p.Learned);
        // Up front, at a deliberately fast rate (the bench's broadcasting iteration is ~0.7 ms for 16 episodes): training
        // episodes (iterations × 16 per learned policy) and test runs per broadcaster.
        if (errors.Count == 0 && WorkEstimate.Refusal($"--users {users} × (--iterations {iterations} × 16 × {CliFormat.Count(learned, "policy", "policies")} + --runs {runs} × {specs.Count})",
                (double)users * ((double)iterations * 16 * learned + (double)runs * specs.Count), BroadcastingEpisodesPerSecond, "episodes") is { } tooLong)
            errors.Add(tooLong);
        UserInputException.ThrowIfAny(errors);

        string folder = output ?? Path.Combine("kairos-experiments", $"broadcasting-{feed.Name()}-seed{seed}");
        var settings = new BroadcastingSettings { Feed = feed, Runs = runs, Seed = seed, Threads = threads, Iterations = iterations, QIntensity = q, RewardMetric = reward,
            TrainBudget = t.Budget > 0 ? t.Budget : null, LearningRate = t.Lr, Hidden = t.Hidden, Baseline = kind!.Value };
        Directory.CreateDirectory(Path.Combine(folder, "policies"));
        var results = io.WithMeasuredProgress($"experiment broadcasting ({feed.Name()})", users, json, $"--users {users}", "users",
            progress => BroadcastingExperiment.Run(users, specs, settings, folder, progress, Path.Combine(folder, "policies")));
        var summary = BroadcastingExperiment.Summarize(results);
        if (report is not null) WriteReport(io, report, feed, users, runs, summary, BroadcastingExperiment.Compare(results, "redqueen"));
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.experiment", version = 1, experiment = "broadcasting", feed = feed.Name(), users, runs, seed, iterations, q, reward,
                budget = t.Budget > 0 ? t.Budget : (double?)null, lr = t.Lr, hidden = t.Hidden, baseline = t.Baseline,
                folder = Path.GetFullPath(folder),
                mean_budget = results.Average(r => r.Budget),
                policies = summary.GroupBy(x => x.Policy).Select(g => new
                {
                    name = g.Key, posts = new { mean = g.First().MeanPosts },
                    ratios = g.ToDictionary(x => x.Metric, x => new
                    {
                        mean = x.Mean, median = x.Median, q1 = x.Q1, q3 = x.Q3,
                        ci95 = Ci(x.Spread),
                    }),
                    beats_poisson = g.ToDictionary(x => x.Metric, x => x.Metric.StartsWith("time_at_top", StringComparison.Ordinal)
                        ? x.Values.Count(v => v > 1) : x.Values.Count(v => v < 1)),
                }),
                versus_redqueen = BroadcastingExperiment.Compare(results, "redqueen").GroupBy(x => x.Policy).ToDictionary(g => g.Key,
                    g => g.ToDictionary(x => x.Metric, x => new { mean_difference = x.Difference.Mean, ci95 = Ci(x.Difference), users_better = x.UsersBetter, users = x.Difference.Count })),
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("policy", "posts", "metric ÷ poisson", "mean", "median", "q1", "q3");
        foreach (var x in summary)
            table.AddRow(x.Policy, F(x.MeanPosts), x.Metric, F(x.Mean), F(x.Median), F(x.Q1), F(x.Q3));
        table.Caption($"{CliFormat.Count(users, "user")}, {CliFormat.Count(runs, "run")} each, {feed.Name()} feed; results in {folder}");
        io.Table().Write(table);
        return KairosCli.Ok;
    }

    private static void WriteReport(CliIO io, string path, FeedKind feed, int users, int runs, IReadOnlyList<RatioSummary> summary,
        IReadOnlyList<PairedRatio> paired)
    {
        var html = new HtmlReport($"Smart broadcasting, {feed.Name()} feed");
        var section = html.AddSection($"{users} broadcasters, {runs} test runs per policy; metrics ÷ uniform Poisson at the same budget");
        section.Table(["policy", "posts", "metric", "mean", "median", "q1", "q3"],
            summary.Select(x => (IReadOnlyList<string>)[x.Policy, F(x.MeanPosts), x.Metric, F(x.Mean), F(x.Median), F(x.Q1), F(x.Q3)]));
        if (paired.Count > 0)
            section.Table(["policy − redqueen (paired per user)", "metric", "mean difference", "95% CI", "users better"],
                paired.Select(x => (IReadOnlyList<string>)[x.Policy, x.Metric, F(x.Difference.Mean),
                    $"[{F(x.Difference.Mean - 1.96 * x.Difference.StandardError)}, {F(x.Difference.Mean + 1.96 * x.Difference.StandardError)}]",
                    $"{x.UsersBetter}/{x.Difference.Count}"]));
        foreach (var metric in summary.Select(x => x.Metric).Distinct())
        {
            var rows = summary.Where(x => x.Metric == metric && x.Policy != "poisson").ToList();
            section.Figure(Plots.Boxes($"{metric} ({feed.Name()})", "÷ Poisson", rows.Select(x => x.Policy).ToArray(),
                rows.Select(x => x.Values).ToArray(), rows.Select(x => x.MeanPosts).ToArray()), $"{metric}: per-user ratio to uniform Poisson (box: quartiles, line: median).");
        }
        try { html.Write(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"--report {path}: {e.Message}"); }
        io.Info("report: " + Path.GetFullPath(path));
    }

    private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Mean ± 1.96 SE across users (null with fewer than two users).</summary>
    private static double[]? Ci(Evaluation.MeanWithError m) =>
        double.IsFinite(m.StandardError) ? [m.Mean - 1.96 * m.StandardError, m.Mean + 1.96 * m.StandardError] : null;
}
