using System.CommandLine;
using System.Globalization;
using Kairos.Decisions;
using Kairos.Data.AdLogs;
using Kairos.Learning.AdDelivery;
using Kairos.Learning.OffPolicy;
using Kairos.Neural.AdDelivery;
using Kairos.Policies;
using Kairos.Policies.AdDelivery;
using Kairos.Simulation;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos train ad-delivery --model model.json --out policy.json`: builds an ad-delivery policy from a
/// fitted user model (learned and plugin by policy gradient on simulated users; thompson and myopic need no
/// training), writes the policy file the decision service loads, and reports its utility on posterior-predictive
/// users beside "never" and "myopic". A subcommand of `train` (not a verb of its own).</summary>
public static class TrainAdDelivery
{
    private static readonly Dictionary<string, string> Kinds = new()
    {
        ["learned"] = AdSoftmaxPolicy.LearnedKind, ["plugin"] = AdSoftmaxPolicy.PlugInKind,
        ["thompson"] = AdThompsonPolicy.KindName, ["myopic"] = AdMyopicPolicy.KindName,
        ["plan"] = AdPlanningPolicy.PosteriorKind, ["plan-plugin"] = AdPlanningPolicy.PlugInKind, ["plan-thompson"] = AdPlanningPolicy.ThompsonKind,
    };

    public static Command Subcommand(CliIO io)
    {
        var model = new Option<FileInfo>("--model") { Description = "Model file from `kairos fit-model`. Required.", Required = true };
        var policy = new Option<string>("--policy") { Description = "learned (default; softmax trained on the posterior predictive), plugin (softmax, MAP only), thompson, myopic, " +
            "plan (model-predictive planning averaged over the posterior members), plan-plugin (planning on the MAP), plan-thompson (planning on one member drawn per user).", DefaultValueFactory = _ => "learned" };
        var iterations = new Option<int>("--iterations") { Description = "Policy-gradient updates >= 1 (default 200).", DefaultValueFactory = _ => 200 };
        var batch = new Option<int>("--batch") { Description = "Simulated users per update >= 2 (default 64).", DefaultValueFactory = _ => 64 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate > 0 (default 0.05).", DefaultValueFactory = _ => 0.05 };
        var cost = new Option<double?>("--action-cost") { Description = "Cost of every delivered ad in conversion-value units, >= 0 (default: each ad's mean cost in the log the model was fitted to)." };
        var rollouts = new Option<int>("--rollouts") { Description = $"plan kinds: model rollouts per decision at each opportunity, in [1, 100000] (default {AdPlanningPolicy.DefaultRollouts}).", DefaultValueFactory = _ => AdPlanningPolicy.DefaultRollouts };
        var lookahead = new Option<double?>("--lookahead") { Description = "plan kinds: how far ahead each rollout runs, in the model's time unit, > 0 (default: the model's horizon; a user's window end comes first)." };
        var baseRule = BaseRuleOption.Create();
        var margin = new Option<double>("--margin") { Description = "plan kinds: deliver the best ad only when its expected utility exceeds no ad's by more than this, in conversion-value " +
            "units, in [0, 1000] (default 0: the paper's rule, maximise posterior-predictive expected utility).", DefaultValueFactory = _ => 0 };
        var tuneMargin = new Option<FileInfo?>("--tune-margin") { Description = "plan kinds: choose the margin among --margins by the self-normalized IPS estimate " +
            "on this ad log (with propensities; logged users the model was NOT fitted to, e.g. a later log); replaces --margin." };
        var margins = new Option<string>("--margins") { Description = $"Candidate margins for --tune-margin, comma-separated (default {MarginOptions.DefaultList}).",
            DefaultValueFactory = _ => MarginOptions.DefaultList };
        var users = new Option<int>("--eval-users") { Description = "Posterior-predictive users for the utility report >= 1 (default 2000).", DefaultValueFactory = _ => 2000 };
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var output = CliOptions.Out("Policy JSON to write (default policy.json).", "policy.json");
        var cmd = new Command("ad-delivery",
            "Train an ad-delivery choice policy on users simulated from a fitted model's posterior predictive (score-function " +
            "gradient with a leave-one-out baseline), or a planning policy (plan*: at each opportunity, rollouts of the fitted model from the user's state " +
            "for each decision, the --base-rule afterwards, pick the best expected conversion value − cost), never on the ground truth. Utility = conversion value − the costs of the ads delivered. " +
            "Assumes stationarity, SUTVA and no unobserved confounding.\n" +
            "Examples:\n  kairos train ad-delivery --model out/model.json --out out/policy.json\n" +
            "  kairos train ad-delivery --model out/model.json --policy thompson --out out/thompson.json --json\n" +
            "  kairos train ad-delivery --model out/model.json --policy plan --rollouts 16 --out out/plan.json --eval-users 200")
        { model, policy, iterations, batch, lr, cost, rollouts, lookahead, baseRule, margin, tuneMargin, margins, users, seed, json, output };
        cmd.SetAction(pr => Run(io, pr.GetValue(model)!, pr.GetValue(policy)!, pr.GetValue(iterations), pr.GetValue(batch),
            pr.GetValue(lr), pr.GetValue(cost), pr.GetValue(rollouts), pr.GetValue(lookahead), pr.GetValue(baseRule)!,
            new MarginRequest(pr.GetValue(margin), pr.GetValue(tuneMargin), pr.GetValue(margins)!), pr.GetValue(users), pr.GetValue(seed), pr.GetValue(json),
            pr.GetValue(output)!));
        return cmd;
    }

    private static int Run(CliIO io, FileInfo modelFile, string policyName, int iterations, int batch, double lr, double? actionCost, int rollouts, double? lookahead, string baseRule, MarginRequest marginRequest, int evalUsers,
        int seed, bool json, string output)
    {
        var options = new AdPolicyTrainOptions(iterations, batch, lr, actionCost ?? 0);
        var problems = new List<string>();
        if (!Kinds.TryGetValue(policyName, out var kind))
            problems.Add($"--policy '{policyName}' is unknown.{DidYouMean.Hint(policyName, Kinds.Keys)} Allowed: {string.Join(", ", Kinds.Keys)}");
        if (options.Iterations < 1) problems.Add($"--iterations must be >= 1, got {options.Iterations}");
        if (options.Batch < 2) problems.Add($"--batch must be >= 2, got {options.Batch}");
        if (!(options.LearningRate > 0) || double.IsInfinity(options.LearningRate)) problems.Add($"--lr must be finite and > 0, got {R(options.LearningRate)}");
        if (actionCost is { } c && (!(c >= 0) || double.IsInfinity(c))) problems.Add($"--action-cost must be finite and >= 0, got {R(c)}");
        if (rollouts is < 1 or > 100_000) problems.Add($"--rollouts must lie in [1, 100000], got {rollouts}");
        if (lookahead is { } l && (!(l > 0) || double.IsInfinity(l))) problems.Add($"--lookahead must be finite and > 0, got {R(l)}");
        if (evalUsers < 1) problems.Add($"--eval-users must be >= 1, got {evalUsers}");
        var continuation = BaseRuleOption.Parse(baseRule, problems);
        if (marginRequest.Margin is < 0 or > 1000 || double.IsNaN(marginRequest.Margin)) problems.Add($"--margin must lie in [0, 1000], got {R(marginRequest.Margin)}");
        var candidates = MarginOptions.Parse(marginRequest.Candidates, "--margins", problems);
        bool planning = kind is AdPlanningPolicy.PosteriorKind or AdPlanningPolicy.PlugInKind or AdPlanningPolicy.ThompsonKind;
        if (kind is not null && !planning && (marginRequest.Margin != 0 || marginRequest.TuneOn is not null))
            problems.Add($"--margin and --tune-margin apply to the plan kinds only, not --policy {policyName}");
        if (marginRequest.TuneOn is { } tuneFile && !tuneFile.Exists) problems.Add($"--tune-margin {tuneFile.FullName}: no such file");
        UserInputException.ThrowIfAny(problems);
        var model = AdModelFile.Read(modelFile.FullName);
        var costs = actionCost is { } uniform ? AdPolicy.Uniform(model.Layout.Ads, uniform) : model.AdCosts?.ToArray()
            ?? throw new UserInputException($"--action-cost: {modelFile.FullName} records no ad costs (its log had no cost on action rows); give --action-cost.");
        options = options with { AdCosts = costs };
        AdPolicy trained = kind is AdSoftmaxPolicy.LearnedKind or AdSoftmaxPolicy.PlugInKind
            ? io.WithProgress($"training {policyName}", options.Iterations, json, progress => AdPolicyTrainer.Train(model, kind!, options, seed, progress).Policy)
            : AdPolicyFile.Create(kind!, model, costs, null, null, rollouts, lookahead, continuation, marginRequest.Margin);
        AdMarginSelection? selection = null;
        if (marginRequest.TuneOn is { } logFile)
        {
            var log = AdLogFiles.Read(logFile.FullName);
            if (log.AdCount != model.Layout.Ads)
                throw new UserInputException($"--tune-margin {logFile.FullName}: the log has {log.AdCount} ads, the model {model.Layout.Ads}");
            if (!log.HasPropensities)
                throw new UserInputException($"--tune-margin {logFile.FullName}: the log has no propensities on its action rows; the margin is chosen off-policy from them");
            if (log.Users.Count < 2) throw new UserInputException($"--tune-margin {logFile.FullName}: needs at least 2 users, has {log.Users.Count}");
            selection = io.WithProgress("choosing the delivery margin", 1, json, _ =>
                AdMarginSelector.Select(AdMarginSelector.Trace(log, (AdPlanningPolicy)trained, (ulong)seed), candidates));
            trained = AdPolicyFile.Create(kind!, model, costs, null, null, rollouts, lookahead, continuation, selection.Margin);
        }
        AdPolicyFile.Write(output, trained);
        var env = new PosteriorPredictiveEnvironment(model, costs);
        IDeliveryPolicy[] policies = [trained, new RandomChoicePolicy(0), AdPolicyFile.Create(AdMyopicPolicy.KindName, model, costs)];
        var results = Evaluator.Evaluate(env, policies, evalUsers, seed + 1);
        string[] labels = [trained.Kind, "never", AdMyopicPolicy.KindName];
        var rows = results.Select((r, i) => (Policy: labels[i], Utility: r.Values("utility"), Actions: r.Values("actions").Average())).ToList();
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.train-ad-delivery", version = 1, command = "train ad-delivery", seed, model = modelFile.FullName,
                policy = Path.GetFullPath(output), kind, adCosts = costs, iterations = options.Iterations, batch = options.Batch,
                margin = trained is AdPlanningPolicy tp ? tp.Margin : (double?)null,
                marginSelection = selection is null ? null : new
                {
                    log = marginRequest.TuneOn!.FullName, users = selection.Users,
                    candidates = selection.Candidates.Select(c => new { margin = c.Margin, snips = c.Snips, se = c.StandardError, actShare = c.ActShare }),
                },
                posteriorPredictive = rows.Select(r => new { policy = r.Policy, utility = r.Utility.Average(), se = Se(r.Utility), actionsPerUser = r.Actions, users = evalUsers }),
            });
            return KairosCli.Ok;
        }
        io.Out.WriteLine($"wrote {output} ({kind})");
        if (selection is not null)
            io.Out.WriteLine(FormattableString.Invariant($"margin {selection.Margin} chosen by SNIPS on {selection.Users} logged users: ") +
                string.Join(", ", selection.Candidates.Select(c => FormattableString.Invariant($"{c.Margin} → {c.Snips:F4} ± {c.StandardError:F4} (acts at {c.ActShare:P0})"))));
        var table = new Table().AddColumns("policy (posterior-predictive users)", "utility / user", "± s.e.", "ads / user");
        foreach (var r in rows) table.AddRow(Markup.Escape(r.Policy), F(r.Utility.Average()), F(Se(r.Utility)), F(r.Actions));
        io.Table().Write(table);
        return KairosCli.Ok;
    }

    /// <summary>The margin flags: a fixed margin, or a log to choose one on among the candidates.</summary>
    private sealed record MarginRequest(double Margin, FileInfo? TuneOn, string Candidates);

    private static double Se(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / Math.Max(1, x.Length - 1) / x.Length);
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
