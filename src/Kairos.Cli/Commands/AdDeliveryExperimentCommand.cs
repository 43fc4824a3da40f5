using System.CommandLine;
using System.Globalization;
using Kairos.Evaluation;
using Kairos.Learning.AdDelivery;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos experiment ad-delivery`: the issue-12 targets on held-out simulated users (<see cref="AdDeliveryExperiment"/>):
/// the learned policy's share of the oracle's gain over logging, learned and Thompson against plug-in with paired
/// intervals, and utility against log size. A subcommand of `experiment`.</summary>
public static class AdDeliveryExperimentCommand
{
    public static Command Subcommand(CliIO io)
    {
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated log sizes in users, each in [10, 100000] (default 250,500,1000,2000).", DefaultValueFactory = _ => "250,500,1000,2000" };
        var evalUsers = new Option<int>("--eval-users") { Description = "Held-out simulated users every policy is evaluated on, in [2, 1000000] (default 1000).", DefaultValueFactory = _ => 1000 };
        var ensemble = new Option<int>("--ensemble") { Description = "Posterior members besides the MAP fit (see --posterior), in [0, 64] (default 4).", DefaultValueFactory = _ => 4 };
        var hidden = new Option<int>("--hidden") { Description = "RNN state units in [1, 256] (default 16).", DefaultValueFactory = _ => 16 };
        var epochs = new Option<int>("--epochs") { Description = "Epoch limit per model fit, in [1, 10000] (default 40).", DefaultValueFactory = _ => 40 };
        var patience = new Option<int>("--patience") { Description = "Early stopping per model fit: epochs without a better held-out likelihood, in [1, 10000] (default 4).", DefaultValueFactory = _ => 4 };
        var iterations = new Option<int>("--iterations") { Description = "Policy-gradient updates per trained policy, in [1, 100000] (default 200).", DefaultValueFactory = _ => 200 };
        var batch = new Option<int>("--batch") { Description = "Simulated users per policy update, in [2, 100000] (default 64).", DefaultValueFactory = _ => 64 };
        var output = new Option<string?>("--out") { Description = "Folder to write each size's model and policies to (model-N.json, plan-N.json, plan-plugin-N.json, …), and each log's per-user utilities as soon as it is done (utility-N.json; with --log-seeds, -sSEED is added to each name; default: none)." };
        var rollouts = new Option<int>("--rollouts") { Description = "Model rollouts per decision of the planning policies (plan, plan-plugin, plan-thompson), in [0, 10000]; 0 = leave them out (default 16).", DefaultValueFactory = _ => 16 };
        var rolloutSeed = new Option<int>("--rollout-seed") { Description = "Stream of the planning policies' rollout random numbers, in [0, 2147483647]; 0 = the default streams. " +
            "A rerun with another value changes only the planners' Monte-Carlo rollouts (same logs, fits, held-out users and environment draws): the planners' own noise (default 0).", DefaultValueFactory = _ => 0 };
        var softmax = new Option<bool>("--softmax") { Description = "Also train and evaluate the softmax policies (learned, plugin) and the one-step Thompson rule (default: off; minutes per size)." };
        var margins = new Option<string?>("--margins") { Description = "Also run plan and plan-plugin with a delivery margin (deliver the best ad only when its Q exceeds " +
            "Q(none) by more than the margin), chosen among these comma-separated candidates by the SNIPS estimate on the log's users the model was not " +
            $"trained on (its held-out and test users): rows plan-ope and plan-plugin-ope. 'default' = {MarginOptions.DefaultList}. Default: off." };
        var logSeeds = new Option<string?>("--log-seeds") { Description = "Comma-separated seeds of the logs and their fits (default: --seed alone). Every log is " +
            "evaluated on the same held-out users (those of --seed), gives its own rows, and with two or more the rows are pooled per size (per-user utility " +
            "averaged over the logs; intervals over the held-out users, conditional on these logs), and each difference against plug-in is also given " +
            "across logs: a t interval over the per-log means and a crossed interval counting logs and users as random (pigeonhole bootstrap variance)." };
        var historyWeights = new Option<bool>("--history-weights") { Description = "Also evaluate plan-weighted: the posterior planner with each member " +
            "weighted by the likelihood of the user's own history, p(θ_k | log, history) ∝ e^{ℓ(history | θ_k)} (default: off)." };
        var perUser = new Option<bool>("--per-user") { Description = "With --json, also write every policy's utility per held-out user for each log (sizes[].perUserUtility; default: off)." };
        var posterior = PosteriorOption.Create();
        var laplacePrior = LaplacePriorOption.Create();
        var exposure = ExposureDecaysOption.Create();
        var baseRule = BaseRuleOption.Create();
        var threads = CliOptions.Threads();
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var cmd = new Command("ad-delivery",
            "Ad delivery (issue 12): per log size, simulate a log under random:0.5, fit the user model and its bootstrap posterior, " +
            "build the planning policies on the model (plan: rollouts averaged over the posterior members; plan-plugin: the MAP; " +
            "plan-thompson: one member per user), optionally the softmax ones (--softmax), and evaluate them, logging, never, always, " +
            "the oracle (true traits), oracle-prior (true laws, population traits) and oracle-bayes (true laws, traits inferred from the " +
            "user's history: what a perfect model could reach) on the same held-out simulated users. Reports each " +
            "policy's share of the oracle's gain over logging and paired differences against plug-in, with 95% intervals. Assumes stationarity, SUTVA and no unobserved confounding.\n" +
            "Example:\n  kairos experiment ad-delivery --sizes 250,500,1000,2000 --eval-users 1000 --seed 1 --json")
        { sizes, evalUsers, ensemble, hidden, epochs, patience, iterations, batch, rollouts, rolloutSeed, softmax, margins, logSeeds, historyWeights, perUser, posterior, laplacePrior, exposure, baseRule, output, threads, seed, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(sizes)!, pr.GetValue(evalUsers), pr.GetValue(ensemble), pr.GetValue(hidden), pr.GetValue(epochs), pr.GetValue(patience),
            pr.GetValue(iterations), pr.GetValue(batch), pr.GetValue(rollouts), pr.GetValue(rolloutSeed), pr.GetValue(softmax), pr.GetValue(margins), pr.GetValue(logSeeds), pr.GetValue(historyWeights), pr.GetValue(perUser), pr.GetValue(posterior)!, pr.GetValue(laplacePrior), pr.GetValue(exposure)!, pr.GetValue(baseRule)!, pr.GetValue(output), pr.GetValue(threads),
            pr.GetValue(seed), pr.GetValue(json)));
        return cmd;
    }

    private static int Run(CliIO io, string sizeList, int evalUsers, int ensemble, int hidden, int epochs, int patience, int iterations, int batch, int rollouts, int rolloutSeed, bool softmax,
        string? marginList, string? logSeedList, bool historyWeights, bool perUser, string posterior, string? laplacePriorList, string exposure, string baseRule, string? output, int threads, int seed, bool json)
    {
        var errors = new List<string>();
        var sizes = new List<int>();
        foreach (var part in sizeList.Split(',', StringSplitOptions.TrimEntries))
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 10 and <= 100_000) sizes.Add(n);
            else errors.Add($"--sizes '{sizeList}': '{part}' is not a whole number of users in [10, 100000]");
        if (sizes.Distinct().Count() != sizes.Count) errors.Add($"--sizes '{sizeList}' lists a size twice");
        if (evalUsers is < 2 or > 1_000_000) errors.Add($"--eval-users must lie in [2, 1000000], got {evalUsers}");
        if (ensemble is < 0 or > 64) errors.Add($"--ensemble must lie in [0, 64], got {ensemble}");
        if (hidden is < 1 or > 256) errors.Add($"--hidden must lie in [1, 256], got {hidden}");
        if (epochs is < 1 or > 10_000) errors.Add($"--epochs must lie in [1, 10000], got {epochs}");
        if (patience is < 1 or > 10_000) errors.Add($"--patience must lie in [1, 10000], got {patience}");
        if (iterations is < 1 or > 100_000) errors.Add($"--iterations must lie in [1, 100000], got {iterations}");
        if (batch is < 2 or > 100_000) errors.Add($"--batch must lie in [2, 100000], got {batch}");
        if (rollouts is < 0 or > 10_000) errors.Add($"--rollouts must lie in [0, 10000], got {rollouts}");
        if (rolloutSeed < 0) errors.Add($"--rollout-seed must lie in [0, 2147483647], got {rolloutSeed}");
        if (rollouts == 0 && !softmax) errors.Add("--rollouts 0 without --softmax leaves no model-based policy to evaluate");
        var decays = ExposureDecaysOption.Parse(exposure, errors);
        var posteriorKind = PosteriorOption.Parse(posterior, errors);
        var laplacePriors = LaplacePriorOption.Parse(laplacePriorList, posteriorKind == AdPosteriorKind.Laplace, errors);
        var continuation = BaseRuleOption.Parse(baseRule, errors);
        double[]? margins = marginList is null ? null : MarginOptions.Parse(marginList == "default" ? MarginOptions.DefaultList : marginList, "--margins", errors);
        if (margins is not null && rollouts == 0) errors.Add("--margins needs the planning policies (--rollouts > 0)");
        if (historyWeights && (rollouts == 0 || ensemble == 0)) errors.Add("--history-weights needs the planning policies (--rollouts > 0) and posterior members (--ensemble > 0)");
        List<int>? logSeeds = null;
        if (logSeedList is not null)
        {
            logSeeds = [];
            foreach (var part in logSeedList.Split(',', StringSplitOptions.TrimEntries))
                if (int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int ls)) logSeeds.Add(ls);
                else errors.Add($"--log-seeds '{logSeedList}': '{part}' is not a whole number");
            if (logSeeds.Distinct().Count() != logSeeds.Count) errors.Add($"--log-seeds '{logSeedList}' lists a seed twice");
        }
        UserInputException.ThrowIfAny(errors);
        var settings = new AdExperimentSettings(sizes, evalUsers, ensemble, new AdModelFitOptions(hidden, MaxEpochs: epochs, Patience: patience) { ExposureDecays = decays, Posterior = posteriorKind, LaplacePriorPrecisions = laplacePriors },
            new AdPolicyTrainOptions(iterations, batch), seed, threads) { Folder = output, PlanRollouts = rollouts, RolloutSeed = rolloutSeed, Softmax = softmax, Continuation = continuation, Margins = margins, LogSeeds = logSeeds, HistoryWeights = historyWeights };
        if (output is not null && File.Exists(output)) throw new UserInputException($"--out {output}: is a file; give a folder");
        var result = io.WithProgress("experiment ad-delivery", sizes.Count, json, progress => AdDeliveryExperiment.Run(settings, progress));
        if (json)
        {
            static object U(AdPolicyUtility u) => new { name = u.Policy, utility = u.Utility, se = u.StandardError, adsPerUser = u.AdsPerUser };
            static object G(AdGainShare g) => new { policy = g.Policy, value = g.Share, lower = g.Lower, upper = g.Upper };
            io.WriteJson(new
            {
                format = "kairos.experiment", version = 2, experiment = "ad-delivery", seed, evalUsers, ensemble, hidden, epochs, patience, iterations, batch,
                rollouts, rolloutSeed, softmax, margins, logSeeds, historyWeights, posterior, laplacePriors, exposureDecays = decays, baseRule, loggingPolicy = "random:0.5", baselines = result.Baselines.Select(U), referenceGainShares = result.ReferenceShares.Select(G),
                sizes = result.Sizes.Select(r => new
                {
                    users = r.Users, logSeed = r.LogSeed, heldOutLogLikelihoodPerEvent = r.HeldOutLogLikelihoodPerEvent, bestEpoch = r.BestEpoch,
                    laplacePrior = r.LaplacePriorPrecision,
                    laplaceCandidates = r.LaplaceCandidates.Select(c => new { priorPrecision = c.PriorPrecision, heldOutLogPredictivePerEvent = c.HeldOutLogPredictivePerEvent }),
                    policies = r.Policies.Select(U),
                    gainShares = r.GainShares.Select(G),
                    perUserUtility = perUser ? r.PerUserUtility : null,
                    memberWeightEss = r.MemberWeightEss is { } e ? new { users = e.Users, members = e.Members, mean = e.Mean, median = e.Median, quantile10 = e.Quantile10, min = e.Min } : null,
                    versusPlugin = r.VersusPlugIn.Select(d => new { policy = d.Policy, versus = d.Versus, mean = d.Mean, lower = d.Lower, upper = d.Upper }),
                    tunedMargins = r.TunedMargins.Select(m => new
                    {
                        policy = m.Policy, margin = m.Selection.Margin, users = m.Selection.Users,
                        candidates = m.Selection.Candidates.Select(c => new { margin = c.Margin, snips = c.Snips, se = c.StandardError, actShare = c.ActShare }),
                    }),
                }),
                pooled = result.Pooled.Select(r => new
                {
                    users = r.Users, policies = r.Policies.Select(U), gainShares = r.GainShares.Select(G),
                    versusPlugin = r.VersusPlugIn.Select(d => new { policy = d.Policy, versus = d.Versus, mean = d.Mean, lower = d.Lower, upper = d.Upper }),
                    acrossLogs = r.AcrossLogs.Select(a => new
                    {
                        policy = a.Policy, versus = a.Versus, logSeeds = a.LogSeeds, perLog = a.PerLog, mean = a.Mean,
                        tOverLogs = new { lower = a.AcrossLogsLower, upper = a.AcrossLogsUpper },
                        crossed = new { se = a.CrossedStandardError, lower = a.CrossedLower, upper = a.CrossedUpper },
                    }),
                }),
            });
            return KairosCli.Ok;
        }
        var b = new Table().AddColumns("baseline", "utility / user", "± s.e.", "ads / user");
        foreach (var u in result.Baselines) b.AddRow(Markup.Escape(u.Policy), F(u.Utility), F(u.StandardError), F(u.AdsPerUser));
        b.Caption(Markup.Escape("share of the oracle's gain over logging: " + string.Join("; ", result.ReferenceShares.Select(g => $"{g.Policy} {S(g)}"))));
        io.Table().Write(b);
        var t = new Table().AddColumns("log users", "policy", "utility / user", "ads / user", "share of oracle gain (95% CI)", "− plug-in counterpart (95% CI)");
        foreach (var r in result.Sizes.Concat(result.Pooled))
            for (int i = 0; i < r.Policies.Count; i++)
            {
                var p = r.Policies[i];
                var d = r.VersusPlugIn.FirstOrDefault(v => v.Policy == p.Policy);
                t.AddRow(r.Users.ToString(CultureInfo.InvariantCulture) + (result.Pooled.Contains(r) ? " (pooled)" : logSeeds is null ? "" : $" (log seed {r.LogSeed})"), Markup.Escape(p.Policy), F(p.Utility), F(p.AdsPerUser), Markup.Escape(S(r.GainShares[i])),
                    d is null ? "" : Markup.Escape($"{F(d.Mean)} [{F(d.Lower)}, {F(d.Upper)}]"));
            }
        io.Table().Write(t);
        foreach (var r in result.Sizes)
            foreach (var m in r.TunedMargins)
                io.Out.WriteLine(FormattableString.Invariant($"{r.Users} users: {m.Policy} margin {m.Selection.Margin} (SNIPS on {m.Selection.Users} logged users: ") +
                    string.Join(", ", m.Selection.Candidates.Select(c => FormattableString.Invariant($"{c.Margin} → {F(c.Snips)} ± {F(c.StandardError)}"))) + ")");
        foreach (var r in result.Sizes.Where(r => r.LaplaceCandidates.Count > 0))
            io.Out.WriteLine(FormattableString.Invariant($"{r.Users} users (log seed {r.LogSeed}): Laplace prior precision {r.LaplacePriorPrecision} (held-out log predictive per event: ") +
                string.Join(", ", r.LaplaceCandidates.Select(c => FormattableString.Invariant($"{c.PriorPrecision} → {c.HeldOutLogPredictivePerEvent:F4}"))) + ")");
        foreach (var r in result.Sizes.Where(r => r.MemberWeightEss is not null))
        {
            var e = r.MemberWeightEss!;
            io.Out.WriteLine(FormattableString.Invariant($"{r.Users} users (log seed {r.LogSeed}): history-weight effective sample size of the {e.Members} members on {e.Users} test users: mean {e.Mean:F2}, median {e.Median:F2}, 10% {e.Quantile10:F2}, min {e.Min:F2}"));
        }
        foreach (var r in result.Pooled)
            foreach (var a in r.AcrossLogs)
                io.Out.WriteLine(FormattableString.Invariant($"{r.Users} users, {a.Policy} − {a.Versus} across {a.LogSeeds.Count} logs: {F(a.Mean)}, t over logs [{F(a.AcrossLogsLower)}, {F(a.AcrossLogsUpper)}], crossed (logs and users random) [{F(a.CrossedLower)}, {F(a.CrossedUpper)}]"));
        return KairosCli.Ok;
    }

    private static string S(AdGainShare g) => $"{F(g.Share)} [{F(g.Lower)}, {F(g.Upper)}]";

    private static string F(double x) => double.IsFinite(x) ? x.ToString("F3", CultureInfo.InvariantCulture) : "n/a";
}
