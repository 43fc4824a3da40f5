using System.CommandLine;
using System.Globalization;
using Kairos.Evaluation;
using Kairos.Reports;
using Kairos.Scenarios;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos review-schedule ENV --policies …`: when each policy reviews (reviews per student per day) and what
/// (reviews per student of each item against its difficulty), on a spaced-repetition scenario; JSON and two PNGs of
/// small multiples, one panel per policy.</summary>
public static class ReviewScheduleCommand
{
    public static Command Create(CliIO io)
    {
        var env = new Argument<string>("environment") { Description = "A spaced-repetition scenario: " + string.Join(", ", ScenarioCatalog.All.Where(s => SpacedRepetitionScenarios.Student(s) is not null).Select(s => s.Name)) };
        var policies = new Option<string>("--policies") { Description = "Comma-separated baseline names and tpprl:<policy.json> (required).", Required = true };
        var budget = new Option<double?>("--budget") { Description = "Reviews per student the baselines are tuned to, > 0 (default: the first learned policy's, else the baselines' defaults)." };
        var episodes = new Option<int>("--episodes") { Description = $"Students per policy, in [1, {EvaluationPlan.MaxEpisodes}] (default 100).", DefaultValueFactory = _ => 100 };
        var threads = CliOptions.Threads();
        var plotDir = new Option<string?>("--plot-dir") { Description = "Write <environment>-reviews-per-day.png and <environment>-reviews-per-item.png to this existing folder." };
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var fsrsParams = FsrsParamsOption.Create();
        var cmd = new Command("review-schedule", "When and what each policy reviews on a spaced-repetition scenario: reviews per day and reviews per item against difficulty.\n" +
            "Example:\n  kairos review-schedule spaced-repetition-fsrs --policies uniform,memorize,threshold,cram,fsrs --budget 200 --seed 42 --plot-dir out/review-schedule --json")
        { env, policies, budget, episodes, threads, plotDir, seed, json, fsrsParams };
        cmd.SetAction(pr => Run(io, pr.GetValue(env)!, pr.GetValue(policies)!, pr.GetValue(budget), pr.GetValue(episodes), pr.GetValue(threads),
            pr.GetValue(plotDir), pr.GetValue(seed), pr.GetValue(json), pr.GetValue(fsrsParams)));
        return cmd;
    }

    private static int Run(CliIO io, string environment, string policyList, double? budget, int episodes, int threads, string? plotDir,
        int seed, bool json, string? fsrsParams)
    {
        var errors = new List<string>();
        IScenario? scenario = null;
        scenario = CliScenarios.Get(environment, "review-schedule", errors);
        if (scenario is not null && SpacedRepetitionScenarios.Student(scenario) is null)
        {
            errors.Add($"environment {scenario.Name} is not a spaced-repetition scenario; use one of {string.Join(", ", ScenarioCatalog.All.Where(s => SpacedRepetitionScenarios.Student(s) is not null).Select(s => s.Name))}");
            scenario = null;
        }
        scenario = FsrsParamsOption.Apply(scenario, fsrsParams, errors);
        var items = policyList.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(string.IsNullOrEmpty)) errors.Add($"--policies '{policyList}' has an empty entry");
        var specs = items.Where(i => i.Length > 0).Select(n => n.StartsWith("tpprl:", StringComparison.Ordinal)
            ? (PolicySpec)new LearnedPolicySpec(n["tpprl:".Length..]) : new BaselinePolicySpec(n)).ToList();
        if (plotDir is not null && (string.IsNullOrWhiteSpace(plotDir) || !Directory.Exists(plotDir)))
            errors.Add($"--plot-dir '{plotDir}': no such folder");
        var rule = budget is { } b ? BudgetRule.Fixed(b)
            : specs.OfType<LearnedPolicySpec>().Any() ? BudgetRule.MatchFirstLearned : BudgetRule.Unmatched;
        EvaluationPlan? plan = null;
        if (scenario is not null)
        {
            plan = new EvaluationPlan(scenario, specs, rule, seed, episodes) { Threads = threads };
            errors.AddRange(CliOptions.Describe(plan.Problems(), new Dictionary<string, string>
            {
                [nameof(EvaluationPlan.Policies)] = "--policies", [nameof(EvaluationPlan.Episodes)] = "--episodes",
                [nameof(EvaluationPlan.Budget)] = "--budget", [nameof(EvaluationPlan.Threads)] = "--threads",
            }));
        }
        else errors.AddRange(CliOptions.Describe(EvaluationPlan.SettingProblems(episodes, threads, rule), new Dictionary<string, string>
        {
            [nameof(EvaluationPlan.Episodes)] = "--episodes", [nameof(EvaluationPlan.Budget)] = "--budget", [nameof(EvaluationPlan.Threads)] = "--threads",
        }));
        UserInputException.ThrowIfAny(errors);
        var result = io.WithMeasuredProgress($"review-schedule {scenario!.Name}", specs.Count * episodes, json,
            $"--episodes {episodes} × {CliFormat.Count(specs.Count, "policy", "policies")}", "episodes", progress => ReviewSchedule.Run(plan!, progress));
        var written = new List<string>();
        if (plotDir is not null)
        {
            foreach (var (name, png) in new[] { ("reviews-per-day", ReviewSchedulePlots.PerDay(result)), ("reviews-per-item", ReviewSchedulePlots.PerItem(result)) })
            {
                string path = Path.Combine(plotDir, $"{scenario.Name}-{name}.png");
                try { File.WriteAllBytes(path, png); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"--plot-dir {plotDir}: {e.Message}"); }
                written.Add(path);
                io.Info("plot: " + Path.GetFullPath(path));
            }
        }
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.review-schedule", version = 1, command = "review-schedule", environment = scenario.Name, episodes, seed,
                budget = result.Budget, difficultyUnit = result.DifficultyUnit, itemDifficulty = result.ItemDifficulty, plots = written,
                policies = result.Policies.Select(p => new
                {
                    policy = p.Policy, reviews = p.MeanReviews, reviewsPerDay = p.PerDay, reviewsPerItem = p.PerItem,
                    difficultyRankCorrelation = CliFormat.FiniteOrNull(p.DifficultyRankCorrelation),
                    lastDayShare = p.MeanReviews > 0 ? p.PerDay[^1] / p.MeanReviews : 0,
                    itemsReviewed = p.PerItem.Count(v => v > 0),
                }),
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("policy", "reviews / student", "share on the last day", "items reviewed", "Spearman(reviews, difficulty)");
        foreach (var p in result.Policies)
            table.AddRow(Markup.Escape(p.Policy), Inv($"{p.MeanReviews:F1}"), Inv($"{(p.MeanReviews > 0 ? p.PerDay[^1] / p.MeanReviews : 0):F3}"),
                Inv($"{p.PerItem.Count(v => v > 0)} of {p.PerItem.Length}"), CliFormat.F4OrNa(p.DifficultyRankCorrelation));
        io.Table().Write(table);
        return KairosCli.Ok;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
