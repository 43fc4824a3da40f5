using System.CommandLine;
using System.Globalization;
using Kairos.Policies;
using Kairos.Scenarios;
using Kairos.Simulation;
using Spectre.Console;
using Kairos.Decisions;

namespace Kairos.Cli.Commands;

/// <summary>`kairos evaluate ENV --policies A,B,tpprl:policy.json`: runs every policy on the same episodes
/// (episode i uses environment stream (seed, i) for all policies) and summarises each metric.</summary>
public static class EvaluateCommand
{
    public static Command Create(CliIO io)
    {
        var env = new Argument<string>("environment") { Description = "Scenario name: " + string.Join(", ", ScenarioCatalog.All.Select(s => s.Name)) };
        var policies = new Option<string?>("--policies")
        {
            Description = "Comma-separated policies: baseline names of the environment, tpprl:<policy.json>, or tpprl / tpprl-wt0 " +
                $"for the policy `kairos train ENV [--wt-zero]` wrote to <models>/<environment>.tpprl[-wt0].json (trained first if " +
                "missing). Default: all baselines and tpprl for environments with training defaults (e.g. spaced-repetition); required otherwise.",
        };
        var episodes = new Option<int>("--episodes") { Description = "Episodes per policy, >= 1 (default 100).", DefaultValueFactory = _ => 100 };
        var budget = new Option<double?>("--budget") { Description = "Mean actions per episode the baselines are tuned to (default: none)." };
        var match = new Option<bool>("--match-budget") { Description = "Tune the baselines to the first tpprl policy's mean actions (always on for environments whose training defaults ask for it, e.g. spaced-repetition, unless --budget is given)." };
        var models = new Option<string>("--models") { Description = $"Folder of default policies for bare tpprl / tpprl-wt0 (default {PolicyTraining.DefaultModelDirectory}).", DefaultValueFactory = _ => PolicyTraining.DefaultModelDirectory };
        var trainIterations = new Option<int?>("--train-iterations") { Description = "Iterations when a missing default policy is trained, >= 1 (default: the environment's training default)." };
        var threads = new Option<int>("--threads") { Description = "Worker threads, -1 = all cores (default); results do not depend on it.", DefaultValueFactory = _ => -1 };
        var report = new Option<string?>("--report") { Description = "Also write a self-contained HTML report (tables and PNG plots) to this file; its path is printed on stderr (default: none)." };
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var cmd = new Command("evaluate", "Evaluate policies on an environment: mean, median and quartiles of each metric.\n" +
            "Examples:\n  kairos evaluate toy-switching --policies poisson,optimal --episodes 200\n" +
            "  kairos evaluate spaced-repetition --policies uniform,memorize,threshold,cram,oracle,tpprl:data/models/spaced-repetition.tpprl.json --episodes 100 --seed 42 --json\n" +
            "  kairos evaluate spaced-repetition --episodes 100 --seed 42 --report evaluate.html\n" +
            "  kairos evaluate toy-counting --policies poisson,tpprl:policy.json --match-budget --seed 3 --json")
        { env, policies, episodes, budget, match, models, trainIterations, threads, report, seed, json };
        cmd.SetAction(pr => Run(io, new Request(pr.GetValue(env)!, pr.GetValue(policies), pr.GetValue(episodes), pr.GetValue(budget),
            pr.GetValue(match), pr.GetValue(models)!, pr.GetValue(trainIterations), pr.GetValue(threads), pr.GetValue(report), pr.GetValue(seed), pr.GetValue(json))));
        return cmd;
    }

    private sealed record Request(string Environment, string? Policies, int Episodes, double? Budget, bool Match, string Models,
        int? TrainIterations, int Threads, string? Report, int Seed, bool Json);

    private static int Run(CliIO io, Request q)
    {
        var errors = new List<string>();
        IScenario? scenario = null;
        try { scenario = ScenarioCatalog.Get(q.Environment); } catch (UserInputException e) { errors.Add(e.Message); }
        if (q.Episodes < 1) errors.Add($"--episodes must be >= 1, got {q.Episodes}");
        double? budget = q.Budget;
        if (budget is { } b && !(b > 0 && double.IsFinite(b))) errors.Add($"--budget must be finite and > 0, got {b}");
        if (budget is not null && q.Match) errors.Add("--budget and --match-budget exclude each other");
        if (q.Threads == 0 || q.Threads < -1) errors.Add($"--threads must be -1 or >= 1, got {q.Threads}");
        if (q.Report is not null && string.IsNullOrWhiteSpace(q.Report)) errors.Add("--report needs a file path");
        if (q.TrainIterations is < 1) errors.Add($"--train-iterations must be >= 1, got {q.TrainIterations}");
        string? list = q.Policies ?? (scenario?.TrainingDefaults is null ? null : string.Join(",", [.. scenario.BaselineNames, "tpprl"]));
        if (list is null && scenario is not null) errors.Add($"--policies is required for {scenario.Name}; give baseline names or tpprl:<file>");
        var specs = (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (list is not null && specs.Length == 0) errors.Add("--policies is empty; give baseline names or tpprl:<file>");
        var learned = new Dictionary<int, (NeuralTppPolicy Policy, IScenario Home)>();
        var toTrain = new Dictionary<int, bool>();   // index → wtZero, default policies missing on disk
        if (scenario is not null)
            for (int i = 0; i < specs.Length; i++)
            {
                if (specs[i] is "tpprl" or "tpprl-wt0")
                {
                    bool wt0 = specs[i] == "tpprl-wt0";
                    string path = PolicyTraining.DefaultModelPath(scenario, wt0, q.Models);
                    if (!File.Exists(path)) { toTrain[i] = wt0; continue; }
                    specs[i] = "tpprl:" + path;
                }
                if (!specs[i].StartsWith("tpprl:", StringComparison.Ordinal))
                {
                    if (!scenario.BaselineNames.Contains(specs[i]))
                        errors.Add($"unknown policy '{specs[i]}' for {scenario.Name}; valid: {string.Join(", ", scenario.BaselineNames)}, tpprl, tpprl-wt0, tpprl:<file>");
                    continue;
                }
                try
                {
                    // A policy trained on a same-episode sibling (e.g. spaced-repetition-timed) runs on its own environment.
                    string file = specs[i]["tpprl:".Length..];
                    string? trainedOn = NeuralTppPolicyFile.ReadEnvironment(file);
                    var home = trainedOn is not null && scenario.SameEpisodeScenarios.Contains(trainedOn) ? ScenarioCatalog.Get(trainedOn) : scenario;
                    learned[i] = (NeuralTppPolicyFile.Load(file, home.EventFeatures), home);
                }
                catch (Exception e) when (e is UserInputException or FileNotFoundException) { errors.Add(e.Message); }
            }
        if (q.Match && learned.Count + toTrain.Count == 0) errors.Add("--match-budget needs a tpprl policy");
        if (errors.Count > 0) throw new UserInputException(string.Join("; ", errors));

        foreach (var (i, wt0) in toTrain) learned[i] = (TrainMissing(io, scenario!, wt0, q), scenario!);
        Rename(learned, specs, scenario!);
        bool match = q.Match || (budget is null && learned.Count > 0 && scenario!.TrainingDefaults is { MatchBaselines: true });
        var environments = new Dictionary<string, IEnvironment>();
        IEnvironment EnvOf(IScenario s) => environments.TryGetValue(s.Name, out var e) ? e : environments[s.Name] = s.CreateEnvironment();
        var results = io.WithProgress($"evaluate {scenario!.Name}", q.Episodes * specs.Length, q.Json, progress =>
        {
            if (match)
            {
                var (first, home) = learned.OrderBy(kv => kv.Key).First().Value;
                budget = Evaluator.Evaluate(EnvOf(home), [first], q.Episodes, q.Seed, q.Threads)[0].MeanActions;
            }
            var runs = specs.Select((s, i) => learned.TryGetValue(i, out var l) ? ((IDeliveryPolicy)l.Policy, l.Home)
                : (scenario.CreateBaseline(s, budget, q.Seed), scenario)).ToList();
            // Episode i is the same user in every same-episode scenario: evaluate each scenario's policies on its environment.
            var evaluations = new PolicyEvaluation[specs.Length];
            int done = 0;
            foreach (var group in Enumerable.Range(0, specs.Length).GroupBy(i => runs[i].Item2.Name))
            {
                var idx = group.ToList();
                var r = Evaluator.Evaluate(EnvOf(runs[idx[0]].Item2), idx.Select(i => runs[i].Item1).ToList(), q.Episodes, q.Seed,
                    q.Threads, new OffsetProgress(progress, done), record: q.Report is not null);
                for (int k = 0; k < idx.Count; k++) evaluations[idx[k]] = r[k];
                done += idx.Count * q.Episodes;
            }
            return evaluations;
        });
        int code = Print(io, scenario, q, budget, results);
        if (q.Report is not null)
        {
            var html = EvaluationReport.Build(scenario, q.Episodes, q.Seed, budget, results, EnvOf(scenario).Spec.Horizon);
            try { html.Write(q.Report); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"--report {q.Report}: {e.Message}"); }
            io.Info("report: " + Path.GetFullPath(q.Report));
        }
        return code;
    }

    private sealed class OffsetProgress(IProgressSink inner, double offset) : IProgressSink
    {
        public void Report(double done, string? status = null) => inner.Report(offset + done, status);
    }

    /// <summary>Trains the default policy that is missing on disk (with a progress bar on stderr) and saves it there.</summary>
    private static NeuralTppPolicy TrainMissing(CliIO io, IScenario scenario, bool wtZero, Request q)
    {
        var defaults = PolicyTraining.Defaults(scenario);
        var options = defaults.Options with { Iterations = q.TrainIterations ?? defaults.Options.Iterations, Seed = q.Seed };
        string path = PolicyTraining.DefaultModelPath(scenario, wtZero, q.Models);
        io.Info($"no trained policy at {path}: training one first (`kairos train {scenario.Name}{(wtZero ? " --wt-zero" : "")} " +
            FormattableString.Invariant($"--iterations {options.Iterations} --seed {q.Seed} --out {path}`)"));
        return PolicyTraining.Train(io, scenario, options, defaults.Hidden, defaults.InitialRate, wtZero, path, quiet: false).Policy;
    }

    /// <summary>Learned policies are named tpprl, or tpprl-wt0 for the w_t = 0 ablation, plus "-&lt;variant&gt;" when trained on a
    /// same-episode sibling scenario (tpprl-timed on spaced-repetition); clashing names fall back to the spec.</summary>
    private static void Rename(Dictionary<int, (NeuralTppPolicy Policy, IScenario Home)> learned, string[] specs, IScenario scenario)
    {
        string Base((NeuralTppPolicy Policy, IScenario Home) l)
        {
            string name = l.Policy.FixedZeroDecay ? "tpprl-wt0" : "tpprl";
            if (l.Home.Name == scenario.Name) return name;
            return name + "-" + (l.Home.Name.StartsWith(scenario.Name + "-", StringComparison.Ordinal) ? l.Home.Name[(scenario.Name.Length + 1)..] : l.Home.Name);
        }
        foreach (var i in learned.Keys.ToList())
        {
            string name = Base(learned[i]);
            learned[i] = (learned[i].Policy.WithName(learned.Values.Count(l => Base(l) == name) > 1 ? specs[i] : name), learned[i].Home);
        }
    }

    private static int Print(CliIO io, IScenario scenario, Request q, double? budget, IReadOnlyList<PolicyEvaluation> results)
    {
        if (q.Json)
        {
            io.WriteJson(new
            {
                format = "kairos.evaluate", version = 1, command = "evaluate", environment = scenario.Name, episodes = q.Episodes,
                seed = q.Seed, budget, policies = results.Select(r => new
                {
                    name = r.Policy,
                    actions = new { mean = r.MeanActions },
                    metrics = r.MetricNames.ToDictionary(m => m, m => Summary(r.Summary(m))),
                }),
            });
            return KairosCli.Ok;
        }
        var metrics = results.SelectMany(r => r.MetricNames).Distinct().OrderBy(m => m == scenario.PrimaryMetric ? 0 : 1).ThenBy(m => m, StringComparer.Ordinal).ToList();
        // Long format (one row per policy and metric) so many metrics stay readable at 80 columns.
        var table = new Table().AddColumns("policy", "metric", "mean", "median", "q1", "q3");
        foreach (var r in results)
        {
            bool first = true;
            if (!metrics.Contains("actions")) { table.AddRow(Markup.Escape(r.Policy), "actions", F(r.MeanActions), "", "", ""); first = false; }
            foreach (var m in metrics)
            {
                var s = r.Summary(m);
                table.AddRow(first ? Markup.Escape(r.Policy) : "", Markup.Escape(m == scenario.PrimaryMetric ? m + " *" : m), F(s.Mean), F(s.Median), F(s.Q1), F(s.Q3));
                first = false;
            }
        }
        table.Caption("* primary metric");
        io.Table().Write(table);
        return KairosCli.Ok;
    }

    private static Dictionary<string, double?> Summary(SummaryStatistics s) => new()
    {
        ["mean"] = Finite(s.Mean), ["median"] = Finite(s.Median), ["q1"] = Finite(s.Q1), ["q3"] = Finite(s.Q3),
    };

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
    private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
