using System.CommandLine;
using System.Globalization;
using Kairos.Environments;
using Kairos.Policies;
using Kairos.Simulation;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos evaluate ENV --policies A,B,tpprl:policy.json`: runs every policy on the same episodes
/// (episode i uses environment stream (seed, i) for all policies) and summarises each metric.</summary>
public static class EvaluateCommand
{
    public static Command Create(CliIO io)
    {
        var env = new Argument<string>("environment") { Description = "Scenario name: " + string.Join(", ", ScenarioCatalog.All.Select(s => s.Name)) };
        var policies = new Option<string>("--policies")
        {
            Description = "Comma-separated policies: baseline names of the environment, or tpprl:<policy.json>.", Required = true,
        };
        var episodes = new Option<int>("--episodes") { Description = "Episodes per policy, >= 1 (default 100).", DefaultValueFactory = _ => 100 };
        var budget = new Option<double?>("--budget") { Description = "Mean actions per episode the baselines are tuned to (default: none)." };
        var match = new Option<bool>("--match-budget") { Description = "Tune the baselines to the first tpprl policy's mean actions." };
        var threads = new Option<int>("--threads") { Description = "Worker threads, -1 = all cores (default); results do not depend on it.", DefaultValueFactory = _ => -1 };
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var cmd = new Command("evaluate", "Evaluate policies on an environment: mean, median and quartiles of each metric.\n" +
            "Examples:\n  kairos evaluate toy-switching --policies poisson,optimal --episodes 200\n" +
            "  kairos evaluate toy-counting --policies poisson,tpprl:policy.json --match-budget --seed 3 --json")
        { env, policies, episodes, budget, match, threads, seed, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(env)!, pr.GetValue(policies)!, pr.GetValue(episodes), pr.GetValue(budget),
            pr.GetValue(match), pr.GetValue(threads), pr.GetValue(seed), pr.GetValue(json)));
        return cmd;
    }

    private static int Run(CliIO io, string envName, string policyList, int episodes, double? budget, bool match, int threads,
        int seed, bool json)
    {
        var errors = new List<string>();
        IScenario? scenario = null;
        try { scenario = ScenarioCatalog.Get(envName); } catch (UserInputException e) { errors.Add(e.Message); }
        if (episodes < 1) errors.Add($"--episodes must be >= 1, got {episodes}");
        if (budget is { } b && !(b > 0 && double.IsFinite(b))) errors.Add($"--budget must be finite and > 0, got {b}");
        if (budget is not null && match) errors.Add("--budget and --match-budget exclude each other");
        if (threads == 0 || threads < -1) errors.Add($"--threads must be -1 or >= 1, got {threads}");
        var specs = policyList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (specs.Length == 0) errors.Add("--policies is empty; give baseline names or tpprl:<file>");
        var learned = new Dictionary<int, NeuralTppPolicy>();
        if (scenario is not null)
            for (int i = 0; i < specs.Length; i++)
            {
                if (!specs[i].StartsWith("tpprl:", StringComparison.Ordinal))
                {
                    if (!scenario.BaselineNames.Contains(specs[i]))
                        errors.Add($"unknown policy '{specs[i]}' for {scenario.Name}; valid: {string.Join(", ", scenario.BaselineNames)}, tpprl:<file>");
                    continue;
                }
                try
                {
                    var p = NeuralTppPolicyFile.Load(specs[i]["tpprl:".Length..], scenario.EventFeatures);
                    learned[i] = p.WithName(specs.Count(s => s.StartsWith("tpprl:", StringComparison.Ordinal)) > 1 ? specs[i] : "tpprl");
                }
                catch (Exception e) when (e is UserInputException or FileNotFoundException) { errors.Add(e.Message); }
            }
        if (match && learned.Count == 0) errors.Add("--match-budget needs a tpprl:<file> policy");
        if (errors.Count > 0) throw new UserInputException(string.Join("; ", errors));

        var environment = scenario!.CreateEnvironment();
        var results = io.WithProgress($"evaluate {scenario.Name}", episodes * specs.Length, json, progress =>
        {
            if (match)
                budget = Evaluator.Evaluate(environment, [learned.OrderBy(kv => kv.Key).First().Value], episodes, seed, threads)[0].MeanActions;
            var list = specs.Select((s, i) => learned.TryGetValue(i, out var p) ? (IDeliveryPolicy)p : scenario.CreateBaseline(s, budget, seed)).ToList();
            return Evaluator.Evaluate(environment, list, episodes, seed, threads, progress);
        });
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.evaluate", version = 1, command = "evaluate", environment = scenario.Name, episodes, seed,
                budget, policies = results.Select(r => new
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
