using System.CommandLine;
using System.Globalization;
using Kairos.Decisions;
using Kairos.Environments.AdDelivery;
using Kairos.Evaluation;
using Kairos.Neural.AdDelivery;
using Kairos.Policies;
using Kairos.Policies.AdDelivery;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos experiment ad-uplift --model out/model.json`: the fitted model's uplift of every ad against the simulator's
/// at the same histories (<see cref="AdUpliftDiagnosis"/>). A subcommand of `experiment`.</summary>
public static class AdUpliftCommand
{
    private static readonly string[] Behaviours = ["logging", "never", "plan", "plan-plugin"];

    public static Command Subcommand(CliIO io)
    {
        var model = new Option<FileInfo>("--model") { Description = "Model file from `kairos fit-model` on a simulated ad-delivery log.", Required = true };
        var users = new Option<int>("--users") { Description = "Held-out simulated users, in [1, 100000] (default 200).", DefaultValueFactory = _ => 200 };
        var under = new Option<string>("--under") { Description = "Policy the users' histories are simulated under: logging (random:0.5, default), never, plan or plan-plugin (the planners on --model).", DefaultValueFactory = _ => "logging" };
        var rollouts = new Option<int>("--rollouts") { Description = "Rollouts per decision of the planners whose decision-time estimates are compared, in [1, 10000] (default 16).", DefaultValueFactory = _ => AdPlanningPolicy.DefaultRollouts };
        var reference = new Option<int>("--reference-rollouts") { Description = "Rollouts of the model's own expectation (row `model`), in [1, 100000] (default 256).", DefaultValueFactory = _ => 256 };
        var baseRule = BaseRuleOption.Create();
        var threads = CliOptions.Threads();
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var cmd = new Command("ad-uplift",
            "Ad delivery (issue 12) diagnosis: simulate held-out users under a policy and, at each opportunity of their histories, compare every ad's " +
            "uplift Q(ad) − Q(none) (the --base-rule afterwards, cost included) as the planners estimate it on the fitted model (plan, plan-plugin: " +
            "--rollouts; model: --reference-rollouts) against the simulator with the user's true traits (truth, closed form) and with the traits " +
            "inferred from the history (inferred: what oracle-bayes plans on), both with no ad afterwards and with the greedy rule afterwards (truth-greedy, inferred-greedy: the oracles' own Q). Bins by the ads of the preceding 4 days (fatigue). " +
            "Assumes stationarity, SUTVA and no unobserved confounding.\n" +
            "Example:\n  kairos experiment ad-uplift --model out/model.json --users 200 --under logging --seed 1 --json")
        { model, users, under, rollouts, reference, baseRule, threads, seed, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(model)!, pr.GetValue(users), pr.GetValue(under)!, pr.GetValue(rollouts), pr.GetValue(reference),
            pr.GetValue(baseRule)!, pr.GetValue(threads), pr.GetValue(seed), pr.GetValue(json)));
        return cmd;
    }

    private static int Run(CliIO io, FileInfo modelFile, int users, string under, int rollouts, int referenceRollouts, string baseRule, int threads, int seed, bool json)
    {
        var errors = new List<string>();
        if (users is < 1 or > 100_000) errors.Add($"--users must lie in [1, 100000], got {users}");
        if (!Behaviours.Contains(under)) errors.Add($"--under '{under}' is unknown.{DidYouMean.Hint(under, Behaviours)} Allowed: {string.Join(", ", Behaviours)}");
        if (rollouts is < 1 or > 10_000) errors.Add($"--rollouts must lie in [1, 10000], got {rollouts}");
        if (referenceRollouts is < 1 or > 100_000) errors.Add($"--reference-rollouts must lie in [1, 100000], got {referenceRollouts}");
        var continuation = BaseRuleOption.Parse(baseRule, errors);
        UserInputException.ThrowIfAny(errors);
        var model = AdModelFile.Read(modelFile.FullName);
        var config = AdDeliveryConfig.Default;
        if (model.Layout.Ads != config.AdCount || model.Layout.FeedbackMarks != 3)
            throw new UserInputException($"--model {modelFile.FullName}: has {model.Layout.Ads} ads and {model.Layout.FeedbackMarks} feedback marks; " +
                $"the simulator has {config.AdCount} ads and 3 marks (visit, click, conversion)");
        var costs = model.AdCosts ?? config.AdCost;
        IDeliveryPolicy behaviour = under switch
        {
            "never" => new RandomChoicePolicy(0, "never"),
            "plan" => new AdPlanningPolicy(model, costs, AdPlanningPolicy.PosteriorKind, rollouts, continuation: continuation),
            "plan-plugin" => new AdPlanningPolicy(model, costs, AdPlanningPolicy.PlugInKind, rollouts, continuation: continuation),
            _ => new RandomChoicePolicy(Scenarios.AdDeliveryScenario.LoggingActProbability, "logging"),
        };
        var result = io.WithProgress("experiment ad-uplift", 1, json, progress =>
        {
            var r = AdUpliftDiagnosis.Run(model, behaviour, users, seed, rollouts, referenceRollouts, threads: threads, continuation: continuation);
            progress.Report(1, "done");
            return r;
        });
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.experiment", version = 1, experiment = "ad-uplift", seed, model = modelFile.FullName, under, rollouts, referenceRollouts, baseRule = AdPolicyFile.BaseRuleName(continuation),
                users = result.Users, opportunities = result.Opportunities,
                modelValuePerConversion = result.ModelValuePerConversion, trueValuePerConversion = result.TrueValuePerConversion,
                modelNoAdValue = result.ModelNoAdValue, trueNoAdValue = result.TrueNoAdValue, correlationWithTruth = result.CorrelationWithTruth,
                bins = result.Bins.Select(b => new
                {
                    recentAds = b.RecentAds < 0 ? "all" : b.RecentAds == 3 ? "3+" : b.RecentAds.ToString(CultureInfo.InvariantCulture),
                    opportunities = b.Opportunities,
                    sources = b.Sources.Select(s => new { source = s.Source, uplift = s.Uplift, actShare = s.ActShare, trueValueOfChoice = s.TrueValueOfChoice }),
                }),
            });
            return KairosCli.Ok;
        }
        var t = new Table().AddColumns("ads in last 4 days", "opportunities", "source", "uplift ad 1", "ad 2", "ad 3", "share where an ad pays", "true uplift of its choice");
        foreach (var b in result.Bins)
            foreach (var s in b.Sources)
                t.AddRow(b.RecentAds < 0 ? "all" : b.RecentAds == 3 ? "3+" : b.RecentAds.ToString(CultureInfo.InvariantCulture), b.Opportunities.ToString(CultureInfo.InvariantCulture),
                    s.Source, F(s.Uplift[0]), F(s.Uplift[1]), F(s.Uplift[2]), F(s.ActShare), F(s.TrueValueOfChoice));
        t.Caption(Markup.Escape($"value per conversion: model {F(result.ModelValuePerConversion)}, truth {F(result.TrueValuePerConversion)}; " +
            $"conversion value to go with no ad: model {F(result.ModelNoAdValue)}, truth {F(result.TrueNoAdValue)}; correlation with the true uplift: " +
            string.Join(", ", result.CorrelationWithTruth.Select(kv => $"{kv.Key} {F(kv.Value)}"))));
        io.Table().Write(t);
        return KairosCli.Ok;
    }

    private static string F(double x) => double.IsFinite(x) ? x.ToString("F3", CultureInfo.InvariantCulture) : "n/a";
}
