using System.CommandLine;
using System.Globalization;
using Kairos.Evaluation;
using Kairos.Policies;
using Kairos.Reports;
using Kairos.Scenarios;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos budget-curve ENV --budgets 50,100,…`: every baseline tuned to each budget, on the same episodes; the
/// primary metric against actions per episode, as a table, JSON, and optionally a PNG.</summary>
public static class BudgetCurveCommand
{
    public static Command Create(CliIO io)
    {
        var env = new Argument<string>("environment") { Description = "Scenario name: " + string.Join(", ", ScenarioCatalog.All.Select(s => s.Name)) };
        var budgets = new Option<string>("--budgets") { Description = "Comma-separated actions per episode the baselines are tuned to, each > 0 (required).", Required = true };
        var policies = new Option<string?>("--policies") { Description = "Comma-separated baseline names (default: all of the environment's baselines) and tpprl:<policy.json> (a learned policy has its own budget: one point at its mean actions); {budget} in the file name stands for each budget (one policy trained to each, e.g. tpprl:models/fsrs-budget{budget}.tpprl.json; budgets without a file are left out of that line)." };
        var episodes = new Option<int>("--episodes") { Description = $"Episodes per policy and budget, in [1, {EvaluationPlan.MaxEpisodes}] (default 100).", DefaultValueFactory = _ => 100 };
        var threads = CliOptions.Threads();
        var plot = new Option<string?>("--plot") { Description = "Also write the curves as a PNG to this file (default: none)." };
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var fsrsParams = FsrsParamsOption.Create();
        var cmd = new Command("budget-curve", "Baselines tuned to several budgets: the primary metric against actions per episode.\n" +
            "Example:\n  kairos budget-curve spaced-repetition-fsrs --budgets 50,100,200,300,400,600 --episodes 100 --seed 42 --json")
        { env, budgets, policies, episodes, threads, plot, seed, json, fsrsParams };
        cmd.SetAction(pr => Run(io, pr.GetValue(env)!, pr.GetValue(budgets)!, pr.GetValue(policies), pr.GetValue(episodes),
            pr.GetValue(threads), pr.GetValue(plot), pr.GetValue(seed), pr.GetValue(json), pr.GetValue(fsrsParams)));
        return cmd;
    }

    private static int Run(CliIO io, string environment, string budgetList, string? policyList, int episodes, int threads, string? plot,
        int seed, bool json, string? fsrsParams)
    {
        var errors = new List<string>();
        IScenario? scenario = null;
        scenario = CliScenarios.Get(environment, "budget-curve", errors);
        scenario = FsrsParamsOption.Apply(scenario, fsrsParams, errors);
        var budgets = new List<double>();
        foreach (var item in budgetList.Split(',', StringSplitOptions.TrimEntries))
            if (double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out double b) && b > 0 && b <= EvaluationPlan.MaxActionsPerEpisode)
                budgets.Add(b);
            else errors.Add($"--budgets: '{item}' is not a number in (0, {EvaluationPlan.MaxActionsPerEpisode:G}]");
        if (budgets.Count != budgets.Distinct().Count()) errors.Add("--budgets lists a budget twice");
        if (plot is not null && string.IsNullOrWhiteSpace(plot)) errors.Add("--plot needs a file path");
        var names = policyList?.Split(',', StringSplitOptions.TrimEntries).ToList() ?? scenario?.BaselineNames.ToList() ?? [];
        var notes = new List<string>();
        var specs = names.SelectMany<string, PolicySpec>(n => n.StartsWith("tpprl:", StringComparison.Ordinal)
            ? Available(n["tpprl:".Length..], budgets.Order(), scenario, notes) : [(PolicySpec)new BaselinePolicySpec(n)]).ToList();
        if (scenario is not null)
        {
            var plan = new EvaluationPlan(scenario, specs,
                BudgetRule.Fixed(budgets.DefaultIfEmpty(1).First()), seed, episodes) { Threads = threads };
            errors.AddRange(CliOptions.Describe(plan.Problems(), new Dictionary<string, string>
            {
                [nameof(EvaluationPlan.Policies)] = "--policies", [nameof(EvaluationPlan.Episodes)] = "--episodes",
                [nameof(EvaluationPlan.Budget)] = "--budgets", [nameof(EvaluationPlan.Threads)] = "--threads",
            }));
        }
        UserInputException.ThrowIfAny(errors);
        foreach (var note in notes) io.Info(note);
        budgets.Sort();
        int baselineCount = specs.OfType<BaselinePolicySpec>().Count();
        int runs = budgets.Count * baselineCount + specs.Count - baselineCount;
        var result = io.WithMeasuredProgress($"budget-curve {scenario!.Name}", runs * episodes, json, $"--episodes {episodes} × {runs} policy runs", "episodes",
            progress => BudgetCurve.Run(scenario, specs, budgets, seed, episodes, threads, progress));
        if (plot is not null)
        {
            try { File.WriteAllBytes(plot, BudgetCurvePlots.PrimaryVsActions(result)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"--plot {plot}: {e.Message}"); }
            io.Info("plot: " + Path.GetFullPath(plot));
        }
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.budget-curve", version = 1, command = "budget-curve", environment = scenario.Name, episodes, seed,
                metric = scenario.PrimaryMetric, budgets = result.Budgets,
                points = result.Points.Select(p => new
                {
                    policy = p.Policy, budget = p.Budget, actions = p.MeanActions, mean = p.Primary, standard_error = p.PrimaryStandardError,
                    metrics = p.Metrics, source = p.Source,
                }),
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns(["policy", .. result.Budgets.Select(b => b.ToString("G6", CultureInfo.InvariantCulture))]);
        foreach (var g in result.ByPolicy.Where(g => g.All(p => p.Source is null) || Columns(g, result.Budgets)))
            table.AddRow([g.Key, .. result.Budgets.Select(b => g.FirstOrDefault(p => p.Budget == b) is { } p
                ? string.Create(CultureInfo.InvariantCulture, $"{p.Primary:F3} ± {p.PrimaryStandardError:F3} ({p.MeanActions:F0})") : "")]);
        var console = io.Table();
        console.Write(table);
        console.WriteLine($"{scenario.PrimaryMetric} ± standard error (actions per episode); {CliFormat.Count(episodes, "episode")} per point, seed {seed}");
        foreach (var g in result.ByPolicy.Where(g => scenario.UnbudgetedBaselines.ContainsKey(g.Key) && g.All(p => p.Source is null)))
            io.Out.WriteLine($"{g.Key} is not tuned to the budgets ({CliFormat.Count(g.First().MeanActions, "G4", "action")} per episode at every budget): " +
                scenario.UnbudgetedBaselines[g.Key] + ".");
        foreach (var p in result.Points.Where(p => p.Source is not null && !Columns(result.ByPolicy.First(g => g.Key == p.Policy), result.Budgets)))
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Policy} {p.Source}: {p.Primary:F3} ± {p.PrimaryStandardError:F3} at its own budget ({p.MeanActions:F1} actions)"));
        return KairosCli.Ok;
    }

    /// <summary>The policies of a tpprl:<file> entry: one per budget for a {budget} template, leaving out the budgets
    /// without a file (with a note naming their training) unless none has one (then all, so the plan names the missing).</summary>
    private static IEnumerable<LearnedPolicySpec> Available(string path, IEnumerable<double> budgets, IScenario? scenario, List<string> notes)
    {
        var all = LearnedPolicySpec.Expand(path, budgets);
        var present = all.Where(s => File.Exists(s.Path)).ToList();
        if (present.Count == 0 || present.Count == all.Count) return all;
        var home = scenario is null ? null : TrainedOn(scenario, present);
        foreach (var s in all.Except(present))
            notes.Add($"note: no policy for budget {s.Budget!.Value.ToString("G6", CultureInfo.InvariantCulture)} ({s.Path}); its line leaves that budget out" +
                (home is null ? "" : $" (make it with `{TrainedPolicyFiles.TrainCommand(home, false, s.Path, s.Budget)}`)"));
        return present;
    }

    /// <summary>The scenario the line's present files were trained on (e.g. spaced-repetition-fsrs-memory for policies
    /// evaluated on spaced-repetition-fsrs), so that a missing budget is trained like its siblings; the evaluated scenario
    /// when the files do not say or name an unrelated one (the plan reports that).</summary>
    private static IScenario TrainedOn(IScenario scenario, IEnumerable<LearnedPolicySpec> present)
    {
        foreach (var s in present)
        {
            string? name;
            try { name = NeuralTppPolicyFile.ReadEnvironment(s.Path); }
            catch (UserInputException) { continue; }
            if (name is not null && scenario.SameEpisodeScenarios.Contains(name)) return scenario.SameEpisodeScenario(name);
            if (name == scenario.Name) return scenario;
        }
        return scenario;
    }

    /// <summary>A learned line whose points were each trained to one of the curve's budgets (a {budget} template).</summary>
    private static bool Columns(IEnumerable<BudgetCurvePoint> line, IReadOnlyList<double> budgets) =>
        line.All(p => p.Source is not null && budgets.Contains(p.Budget)) && line.Select(p => p.Budget).Distinct().Count() == line.Count();
}
