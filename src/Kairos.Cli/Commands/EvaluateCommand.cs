using System.CommandLine;
using System.Globalization;
using Kairos.Evaluation;
using Kairos.Scenarios;
using Kairos.Simulation;
using Spectre.Console;
using Kairos.Decisions;

namespace Kairos.Cli.Commands;

/// <summary>`kairos evaluate ENV --policies A,B,tpprl:policy.json`: turns the options into an <see cref="EvaluationPlan"/>,
/// runs it with <see cref="EvaluationService"/> and prints each policy's metrics (table, JSON, optional HTML report).</summary>
public static class EvaluateCommand
{
    public static Command Create(CliIO io)
    {
        var env = new Argument<string>("environment") { Description = "Scenario name: " + string.Join(", ", ScenarioCatalog.All.Select(s => s.Name)) + ", broadcasting" };
        var policies = new Option<string?>("--policies")
        {
            Description = "Comma-separated policies: baseline names of the environment, tpprl:<policy.json>, or tpprl / tpprl-wt0 " +
                "for <models>/<environment>.tpprl[-wt0].json (a missing file is an error that names the `kairos train` command " +
                "that makes it). Default: all baselines and tpprl for environments with training defaults (e.g. spaced-repetition); required otherwise.",
        };
        var episodes = new Option<int>("--episodes") { Description = $"Episodes per policy, in [1, {EvaluationPlan.MaxEpisodes}] (default 100).", DefaultValueFactory = _ => 100 };
        var budget = new Option<double?>("--budget") { Description = "Mean actions per episode the baselines are tuned to (default: none, or see --match-budget). The toys' optimal baseline is never tuned: it is the optimum of the objective it is ranked by." };
        var match = new Option<bool>("--match-budget") { Description = "Tune the baselines to the first tpprl policy's mean actions (on by default, unless --budget is given, for spaced-repetition and the toys, where only poisson is tuned; the output says which policies were not)." };
        var models = new Option<string?>("--models")
        {
            Description = $"Folder of the policies bare tpprl / tpprl-wt0 name (default {TrainedPolicyFiles.DefaultDirectory}, where " +
                $"`kairos train` writes them; when a policy is not there, the one shipped in {TrainedPolicyFiles.ShippedDirectory}, if present).",
        };
        var threads = CliOptions.Threads();
        var report = new Option<string?>("--report") { Description = "Also write a self-contained HTML report (tables and PNG plots) to this file; its path is printed on stderr (default: none)." };
        var feed = new Option<string?>("--feed") { Description = "broadcasting only: chronological or prioritized (default prioritized)." };
        var posts = new Option<string?>("--posts") { Description = "broadcasting only: posts.csv (source,time) to replay instead of the seeded generator." };
        var follows = new Option<string?>("--follows") { Description = "broadcasting only: follows.csv (follower,followee)." };
        var broadcaster = new Option<string?>("--broadcaster") { Description = "broadcasting only: the id the policy posts for (its logged posts are dropped)." };
        var logs = new Option<string?>("--logs")
        {
            Description = "ad-delivery only: the training log (with propensities) from which to add off-policy estimates ips_utility, " +
                "snips_utility and dr_utility (DR's direct method: the policy's fitted user model) for each ad policy file, beside its true utility.",
        };
        var drRollouts = new Option<int>("--dr-rollouts") { Description = "ad-delivery --logs only: model rollouts per logged decision and action for DR's direct method, in [1, 256] (default 4).", DefaultValueFactory = _ => 4 };
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var fsrsParams = FsrsParamsOption.Create();
        var cmd = new Command("evaluate", "Evaluate policies on an environment: mean, median and quartiles of each metric, ranked by the " +
            "primary metric (*). On the toys (toy-counting, toy-switching) that is the objective reward − q/2∫λ² (q = 0.5) the " +
            "policies are trained for and optimal maximises; reward and penalty are shown beside it.\n" +
            "Examples:\n  kairos evaluate toy-switching --policies poisson,optimal --episodes 200\n" +
            "  kairos evaluate spaced-repetition --policies uniform,memorize,threshold,cram,oracle,tpprl:data/models/spaced-repetition.tpprl.json --episodes 100 --seed 42 --json\n" +
            "  kairos evaluate spaced-repetition --episodes 100 --seed 42 --report out/evaluate.html\n" +
            "    (evaluate never trains: tpprl is read from --models, else the policy shipped in data/models)\n" +
            "  kairos train toy-counting --out out/toy-counting.tpprl.json   (training is its own step, minutes)\n" +
            "  kairos evaluate toy-counting --policies poisson,tpprl:out/toy-counting.tpprl.json --match-budget --seed 3 --json\n" +
            "  kairos evaluate broadcasting --feed prioritized --policies poisson,redqueen,karimi,tpprl --episodes 25 --json\n" +
            "  kairos evaluate ad-delivery --policies learned:out/policy.json,plugin:out/plugin.json,thompson:out/thompson.json,logging,always,never,myopic,oracle --logs out/logs.jsonl --episodes 1000 --json\n" +
            "  kairos evaluate ad-delivery --policies plan:out/plan.json,plan-plugin:out/plan-plugin.json,plan-thompson:out/plan-thompson.json,logging,never,oracle --episodes 500 --json\n" +
            "    (plan*: model-predictive planning on the fitted model by rollouts at each opportunity; see docs/ad-delivery.md)\n" +
            "ad-delivery: utility = conversion value − ad cost per user over 14 days, on simulated users. Learned policies and the " +
            "off-policy estimates assume stationarity (the users' laws do not drift), SUTVA (one user's ads do not change another's " +
            "behaviour) and no unobserved confounding (the logging policy decided from the logged history only, with the logged propensities).")
        { env, policies, episodes, budget, match, models, threads, report, feed, posts, follows, broadcaster, logs, drRollouts, seed, json, fsrsParams };
        cmd.SetAction(pr => pr.GetValue(env) == "broadcasting"
            ? BroadcastingEvaluation.Run(io, new BroadcastingEvaluation.Request(pr.GetValue(policies), pr.GetValue(episodes), pr.GetValue(budget),
                pr.GetValue(feed) ?? "prioritized", pr.GetValue(posts), pr.GetValue(follows), pr.GetValue(broadcaster), pr.GetValue(threads),
                pr.GetValue(seed), pr.GetValue(json)))
            : new[] { "--feed", "--posts", "--follows", "--broadcaster" }.FirstOrDefault(f => pr.GetResult(f) is not null) is { } flag
                ? throw new UserInputException($"{flag} applies to the broadcasting environment only, not '{pr.GetValue(env)}'")
                : Run(io, new Request(pr.GetValue(env)!, pr.GetValue(policies), pr.GetValue(episodes), pr.GetValue(budget),
            pr.GetValue(match), pr.GetValue(models), pr.GetValue(threads), pr.GetValue(report), pr.GetValue(seed), pr.GetValue(json))
            { FsrsParams = pr.GetValue(fsrsParams), Logs = pr.GetValue(logs), DrRollouts = pr.GetValue(drRollouts) }));
        return cmd;
    }

    private sealed record Request(string Environment, string? Policies, int Episodes, double? Budget, bool Match, string? Models,
        int Threads, string? Report, int Seed, bool Json)
    {
        public string? FsrsParams { get; init; }
        public string? Logs { get; init; }
        public int DrRollouts { get; init; } = 4;
    }

    /// <summary>The plan's members under the flags that set them.</summary>
    private static readonly Dictionary<string, string> Flags = new()
    {
        [nameof(EvaluationPlan.Policies)] = "--policies", [nameof(EvaluationPlan.Episodes)] = "--episodes",
        [nameof(EvaluationPlan.Budget)] = "--budget", ["MatchBudget"] = "--match-budget", [nameof(EvaluationPlan.Threads)] = "--threads",
    };

    private static int Run(CliIO io, Request q)
    {
        var errors = new List<string>();
        IScenario? scenario = null;
        scenario = CliScenarios.Get(q.Environment, "evaluate", errors);
        scenario = FsrsParamsOption.Apply(scenario, q.FsrsParams, errors);
        if (q.Budget is not null && q.Match) errors.Add("--budget and --match-budget exclude each other");
        if (q.Report is not null && string.IsNullOrWhiteSpace(q.Report)) errors.Add("--report needs a file path");
        bool modelsIsFile = q.Models is not null && File.Exists(q.Models);
        if (modelsIsFile) errors.Add($"--models {q.Models}: is a file, not a folder of policy files");
        string? list = q.Policies ?? (scenario?.TrainingDefaults is null ? null : string.Join(",", [.. scenario.BaselineNames, "tpprl"]));
        if (list is null && scenario is not null) errors.Add($"--policies is required for {scenario.Name}; give baseline names or tpprl:<file>");
        var specs = list is null || scenario is null ? [] : ParsePolicies(io, list, scenario, modelsIsFile ? null : q.Models, errors);
        bool ads = scenario?.Name == AdDeliveryPolicies.Environment;
        if (q.Logs is not null && !ads) errors.Add($"--logs applies to the {AdDeliveryPolicies.Environment} environment only");
        if (q.DrRollouts is < 1 or > 256) errors.Add($"--dr-rollouts must lie in [1, 256], got {q.DrRollouts}");
        if (q.Logs is not null && !specs.OfType<AdPolicyFileSpec>().Any()) errors.Add("--logs: off-policy estimates are for ad policy files (learned:<file>, …); none is listed");
        if (q.Logs is not null && !File.Exists(q.Logs)) errors.Add($"--logs {q.Logs}: no such log file");
        var rule = q.Budget is { } b ? BudgetRule.Fixed(b) : q.Match ? BudgetRule.MatchFirstLearned : BudgetRule.ScenarioDefault;
        if (scenario is null || list is null)
        {
            errors.AddRange(CliOptions.Describe(EvaluationPlan.SettingProblems(q.Episodes, q.Threads, rule), Flags));
            UserInputException.ThrowIfAny(errors);
        }
        var plan = new EvaluationPlan(scenario!, specs, rule, q.Seed, q.Episodes) { Threads = q.Threads, RecordEpisodes = q.Report is not null };
        // With --models naming a file, a missing default policy file is a second, misleading error about the same flag.
        errors.AddRange(CliOptions.Describe(plan.Problems(), Flags)
            .Where(e => !modelsIsFile || !e.Contains("no such policy file", StringComparison.Ordinal)));
        UserInputException.ThrowIfAny(errors);

        var result = io.WithMeasuredProgress($"evaluate {scenario!.Name}", q.Episodes * specs.Count, q.Json,
            $"--episodes {q.Episodes} × {CliFormat.Count(specs.Count, "policy", "policies")}", "episodes",
            progress => EvaluationService.Run(plan, progress));
        bool timing = scenario.CreateEnvironment().Accepts == Kairos.Decisions.DecisionModes.Timing;
        BudgetCheck.WarnUnmatched(io, result, timing);
        var ope = q.Logs is null ? [] : AdDeliveryPolicies.OffPolicy(io, q.Logs, specs, q.Seed, q.DrRollouts, q.Threads, q.Json);
        int code = Print(io, q, result, ope);
        if (q.Report is not null)
        {
            var html = EvaluationReport.Build(result, timing);
            try { html.Write(q.Report); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"--report {q.Report}: {e.Message}"); }
            io.Info("report: " + Path.GetFullPath(q.Report));
        }
        return code;
    }

    /// <summary>The --policies list as typed specs: baseline names, tpprl:&lt;file&gt;, and bare tpprl / tpprl-wt0 resolved
    /// to a policy file (see the --models help).</summary>
    private static List<PolicySpec> ParsePolicies(CliIO io, string list, IScenario scenario, string? models, List<string> errors)
    {
        var items = list.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(string.IsNullOrEmpty))
            errors.Add($"--policies '{list}' has an empty entry (two commas in a row, or one at either end)");
        if (scenario.Name == AdDeliveryPolicies.Environment) return AdDeliveryPolicies.Parse(items.Where(i => i.Length > 0).ToList(), errors);
        var specs = new List<PolicySpec>();
        foreach (var item in items.Where(i => i.Length > 0))
            specs.Add(item switch
            {
                "tpprl" or "tpprl-wt0" => DefaultLearned(io, scenario, item == "tpprl-wt0", models),
                _ when item.StartsWith("tpprl:", StringComparison.Ordinal) => new LearnedPolicySpec(item["tpprl:".Length..]),
                _ => new BaselinePolicySpec(item),
            });
        return specs;
    }

    private static LearnedPolicySpec DefaultLearned(CliIO io, IScenario scenario, bool wtZero, string? models)
    {
        string path = TrainedPolicyFiles.DefaultPath(scenario, wtZero, models);
        string shipped = TrainedPolicyFiles.DefaultPath(scenario, wtZero, TrainedPolicyFiles.ShippedDirectory);
        if (models is null && !File.Exists(path))
        {
            // The repository's copy, else the copy built into kairos (the installed tool runs from any folder).
            string? copy = File.Exists(shipped) ? shipped : ShippedPolicies.Extract(TrainedPolicyFiles.FileName(scenario, wtZero));
            if (copy is not null)
            {
                io.Info($"{(wtZero ? "tpprl-wt0" : "tpprl")}: no policy at {path}; using the shipped {shipped}" +
                        (copy == shipped ? "" : $" (the copy built into kairos, {copy})"));
                path = copy;
            }
        }
        return new LearnedPolicySpec(path, wtZero);
    }

    private static int Print(CliIO io, Request q, EvaluationResult result, IReadOnlyList<AdOffPolicyRow> ope)
    {
        var (scenario, budget, results) = (result.Scenario, result.Budget, result.Policies);
        var ranks = PrimaryRank.Of(result);
        if (q.Json)
        {
            io.WriteJson(new
            {
                format = "kairos.evaluate", version = 1, command = "evaluate", environment = scenario.Name, episodes = q.Episodes,
                seed = q.Seed, budget, primaryMetric = scenario.PrimaryMetric, policies = results.Select((r, i) => new
                {
                    name = r.Policy,
                    rank = ranks[i],
                    budgetMatched = BudgetCheck.Matched(result, r),
                    budgetNote = scenario.UnbudgetedBaselines.TryGetValue(r.Policy, out var why) && budget is not null ? why : null,
                    actions = Summary(SummaryStatistics.Of(r.Episodes.Select(e => (double)e.Actions))),
                    metrics = r.MetricNames.ToDictionary(m => m, m => Summary(r.Summary(m))),
                    ips_utility = ope.FirstOrDefault(o => o.Policy == r.Policy) is { } a ? AdDeliveryPolicies.Estimate(a.Ips) : null,
                    snips_utility = ope.FirstOrDefault(o => o.Policy == r.Policy) is { } b ? AdDeliveryPolicies.Estimate(b.Snips) : null,
                    dr_utility = ope.FirstOrDefault(o => o.Policy == r.Policy) is { } c ? AdDeliveryPolicies.Estimate(c.Dr) : null,
                }),
                offPolicy = ope.Count == 0 ? null : new { logs = q.Logs, users = ope[0].Users, drRollouts = q.DrRollouts },
            });
            return KairosCli.Ok;
        }
        var repeats = ActionCountMetrics.Of(result);
        var metrics = results.SelectMany(r => r.MetricNames).Distinct().Where(m => !repeats.Contains(m) || m == "actions")
            .OrderBy(m => m == scenario.PrimaryMetric ? 0 : 1).ThenBy(m => m, StringComparer.Ordinal).ToList();
        // Long format (one row per policy and metric) so many metrics stay readable at 80 columns.
        var table = new Table().AddColumns("policy", "rank", "metric", "mean", "median", "q1", "q3");
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            bool first = true;
            string Policy() => first ? Markup.Escape(r.Policy) : "";
            string Rank() => first && ranks[i] is { } k ? "#" + k.ToString(CultureInfo.InvariantCulture) : "";
            if (!metrics.Contains("actions"))
            {
                var a = SummaryStatistics.Of(r.Episodes.Select(e => (double)e.Actions));
                table.AddRow(Policy(), Rank(), Markup.Escape(ActionCountMetrics.Label(repeats)), F(a.Mean), F(a.Median), F(a.Q1), F(a.Q3));
                first = false;
            }
            foreach (var m in metrics)
            {
                var s = r.Summary(m);
                table.AddRow(Policy(), Rank(), Markup.Escape(m == scenario.PrimaryMetric ? m + " *" : m), F(s.Mean), F(s.Median), F(s.Q1), F(s.Q3));
                first = false;
            }
        }
        table.Caption("* primary metric; rank by its mean");
        io.Table().Write(table);
        if (PrimaryNote(result) is { Length: > 0 } note) io.Out.WriteLine(note.Trim(' ', '(', ')') + ".");
        io.Out.WriteLine($"Budget: {BudgetCheck.Describe(result)}{string.Concat(BudgetCheck.NotTuned(result).Select(n => "; " + n))}.");
        if (ope.Count > 0) AdDeliveryPolicies.WriteOffPolicyTable(io, ope, results);
        return KairosCli.Ok;
    }

    /// <summary>On an intensity-costed environment, what the objective is (the policies' training target).</summary>
    internal static string PrimaryNote(EvaluationResult result) =>
        result.Scenario.CreateEnvironment() is IIntensityCostedEnvironment { IntensityCost: { } q } && result.Scenario.PrimaryMetric == IntensityCost.Objective
            ? $" (objective = reward − penalty, penalty = q/2∫λ(t)² dt with q = {q.ToString("G4", CultureInfo.InvariantCulture)}: what the policies were trained for and optimal maximises)"
            : "";

    private static Dictionary<string, double?> Summary(SummaryStatistics s) => new()
    {
        ["mean"] = Finite(s.Mean), ["median"] = Finite(s.Median), ["q1"] = Finite(s.Q1), ["q3"] = Finite(s.Q3),
        ["se"] = Finite(s.StandardError), ["ci95Low"] = Finite(s.Mean - 1.96 * s.StandardError), ["ci95High"] = Finite(s.Mean + 1.96 * s.StandardError),
    };

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
    /// <summary>A mean over no values (e.g. the difficulty of reviews when there were none) is "n/a", never "NaN".</summary>
    private static string F(double x) => double.IsFinite(x) ? x.ToString("G4", CultureInfo.InvariantCulture) : "n/a";
}
