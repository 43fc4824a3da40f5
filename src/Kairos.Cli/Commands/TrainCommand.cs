using System.CommandLine;
using System.Globalization;
using Kairos.Decisions;
using Kairos.Evaluation;
using Kairos.Learning;
using Kairos.Neural;
using Kairos.Policies;
using Kairos.Scenarios;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos train ENV --policy tpprl …`: REINFORCE training of a TPPRL policy (Proposition 2) on a scenario
/// from <see cref="ScenarioCatalog"/>; writes the policy JSON and its training curve (CSV + PNG) beside it. Options
/// not given take the scenario's <see cref="IScenario.TrainingDefaults"/> (else the generic defaults shown).</summary>
public static class TrainCommand
{
    public static Command Create(CliIO io)
    {
        var env = new Argument<string>("environment") { Description = "Scenario name (see `kairos evaluate --help`): " + Names() };
        var policy = new Option<string>("--policy") { Description = "Policy family to train. Allowed: tpprl (default), tpprl-per-item (one intensity per item over the scenario's per-item features, e.g. on spaced-repetition-fsrs-memory).", DefaultValueFactory = _ => "tpprl" };
        var sharpness = new Option<double?>("--initial-sharpness") { Description = $"tpprl-per-item: initial weight of the first per-item feature (fsrs-memory: 1 − R̂ now), finite (default {TrainPerItem.DefaultSharpness.ToString(CultureInfo.InvariantCulture)})." };
        var itemClock = new Option<string?>("--item-clock") { Description = $"tpprl-per-item: how an item's intensity moves between events. Allowed: {PerItemHazardPolicyFile.LinearClock} (default; log-linear in time, features frozen at each event), {PerItemHazardPolicyFile.RetrievabilityClock} (exp(c + κ(−ln R̂(t))) with the item's predicted retrievability moving in time; --initial-sharpness sets κ, default {TrainPerItem.DefaultClockSharpness.ToString(CultureInfo.InvariantCulture)})." };
        var iterations = new Option<int?>("--iterations") { Description = "SGD updates (batches), >= 1 (default 200, or the scenario's)." };
        var batch = new Option<int?>("--batch") { Description = "Episodes per batch, >= 2 (default 32, or the scenario's)." };
        var hidden = new Option<int?>("--hidden") { Description = "RNN state units H, >= 1 (default 8, or the scenario's)." };
        var lr = new Option<double?>("--lr") { Description = "Adam learning rate lr0 > 0 (default 0.02, or the scenario's)." };
        var decay = new Option<double?>("--lr-decay") { Description = "Inverse-time decay per update: lr0/(1 + rate·t), >= 0 (default 0.002, or the scenario's)." };
        var qI = new Option<double?>("--q-intensity") { Description = "q_l of the cost q_l/2 ∫λ² dt (reward units per action²·time), >= 0 (default 0.5, or the scenario's)." };
        var qM = new Option<double?>("--q-mark") { Description = "q_m of the mark cost q_m ∫½‖p(t)‖² dt, >= 0 (default 0, or the scenario's)." };
        var qE = new Option<double?>("--q-entropy") { Description = "Entropy bonus q_e on the mark law at actions (authors' code), >= 0 (default 0, or the scenario's)." };
        var metric = new Option<string?>("--reward-metric") { Description = "Episode metric to maximise (default: the scenario's reward metric, e.g. recall; or its training default, e.g. expected_recall)." };
        var actionCost = new Option<double?>("--action-cost") { Description = "Cost per action subtracted from the reward, >= 0 (reward units; default 0, or the scenario's)." };
        var budget = new Option<double?>("--budget") { Description = "Train to this mean number of actions per episode (> 0): the action price (starting at --action-cost) is a Lagrange multiplier moved by dual ascent after every batch; only held-out checks within --budget-tolerance are kept." };
        var budgetStep = new Option<double?>("--budget-step") { Description = $"Relative dual step of the price under --budget, > 0 (default {TrainerOptions.DefaultBudgetPriceStep.ToString(CultureInfo.InvariantCulture)})." };
        var budgetTolerance = new Option<double?>("--budget-tolerance") { Description = "Relative tolerance of --budget for a held-out check to count, in (0, 1) (default 0.05)." };
        var initialRate = new Option<double?>("--initial-rate") { Description = "Start near-Poisson at this many actions per time unit (> 0), or 0 for the authors' initialisation; default: the scenario's, else the authors'." };
        var init = new Option<string?>("--init") { Description = "Fine-tune (warm-start from) this policy file, trained on the same environment; its H and w_t ablation are kept, Adam and the learning-rate schedule start afresh, and with --budget the price starts at --action-cost (give the old run's final price). Use another --seed than the old run's so the batches are new." };
        var burst = new Option<double?>("--init-burst") { Description = "Start fresh as wait-then-burst for a deadline (needs --budget and a horizon): the last state unit is a latch the first action sets; before it the intensity rises as κe^{κ(t − (T − LEAD)))}, after it the policy spends the budget at a constant rate. LEAD in time units before the horizon, e.g. 0.25 (days)." };
        var burstSharpness = new Option<double?>("--init-burst-sharpness") { Description = $"κ of --init-burst, per time unit (default {TpprlBurstStart.DefaultSharpnessTimesLead.ToString(CultureInfo.InvariantCulture)}/LEAD); the first action's time spreads by 1.28/κ." };
        var heldOutEpisodes = new Option<int?>("--held-out-episodes") { Description = "Episodes of the fixed held-out set the checks select on (and of the fresh re-score), >= 1 (default 64, or the scenario's)." };
        var wtZero = new Option<bool>("--wt-zero") { Description = "Ablation: fix the decay w_t = 0 (piecewise-constant intensity)." };
        var baseline = new Option<string?>("--baseline") { Description = "Variance reducer. Allowed: batch-mean (authors'), leave-one-out-causal (default batch-mean, or the scenario's)." };
        var evalEvery = new Option<int?>("--eval-every") { Description = "Held-out evaluation every N updates, 0 = never (default 10, or the scenario's); the best held-out policy is saved." };
        var patience = new Option<int>("--patience") { Description = "Stop after N held-out evaluations without improvement, 0 = never (default 0).", DefaultValueFactory = _ => 0 };
        var checkpoint = new Option<int>("--checkpoint-every") { Description = "Write checkpoint-NNNNNN.json beside --out every N updates, 0 = never (default 0).", DefaultValueFactory = _ => 0 };
        var threads = CliOptions.Threads();
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var fsrsParams = FsrsParamsOption.Create();
        var output = CliOptions.Out($"Policy JSON to write (default {TrainedPolicyFiles.DefaultDirectory}/<environment>.tpprl.json, .tpprl-wt0.json with --wt-zero); the curve goes to <out>.curve.csv/.png.");
        var cmd = new Command("train", "Train a TPPRL policy by policy gradient on an environment.\n" +
            "Examples:\n  kairos train toy-counting --policy tpprl --iterations 300 --out out/counting.json\n" +
            "  kairos train spaced-repetition-timed --iterations 400 --seed 1 --out out/sr-timed.json\n" +
            "  kairos train toy-switching --q-intensity 0.5 --baseline leave-one-out-causal --seed 7 --json\n" +
            "  kairos train toy-switching --q-intensity 0.5 --budget 6 --seed 7 --json\n" +
            "  kairos train spaced-repetition --init old.tpprl.json --budget 1000 --action-cost 2.4e-4 --batch 128 --lr 0.002 --seed 2 --out out/tuned.json")
        { env, policy, sharpness, itemClock, iterations, batch, hidden, lr, decay, qI, qM, qE, metric, actionCost, budget, budgetStep, budgetTolerance, initialRate, init, burst, burstSharpness, heldOutEpisodes, wtZero, baseline, evalEvery, patience, checkpoint, threads, seed, json, output, fsrsParams };
        cmd.Subcommands.Add(TrainAdDelivery.Subcommand(io));
        cmd.SetAction(pr =>
        {
            var errors = new List<string>();
            string family = pr.GetValue(policy)!;
            bool perItem = family == PerItemHazardPolicy.KindName;
            if (family != "tpprl" && !perItem)
                errors.Add($"--policy '{family}' is not trainable.{DidYouMean.Hint(family, ["tpprl", PerItemHazardPolicy.KindName])} Allowed: tpprl, {PerItemHazardPolicy.KindName}");
            if (!perItem && pr.GetValue(sharpness) is not null) errors.Add($"--initial-sharpness applies to --policy {PerItemHazardPolicy.KindName} only");
            string? clockText = pr.GetValue(itemClock);
            if (!perItem && clockText is not null) errors.Add($"--item-clock applies to --policy {PerItemHazardPolicy.KindName} only");
            PerItemClock? clock = clockText switch
            {
                null or PerItemHazardPolicyFile.LinearClock => PerItemClock.Linear,
                PerItemHazardPolicyFile.RetrievabilityClock => PerItemClock.Retrievability,
                _ => null,
            };
            if (clock is null)
                errors.Add($"--item-clock '{clockText}' is not a clock.{DidYouMean.Hint(clockText!, [PerItemHazardPolicyFile.LinearClock, PerItemHazardPolicyFile.RetrievabilityClock])} Allowed: {PerItemHazardPolicyFile.LinearClock}, {PerItemHazardPolicyFile.RetrievabilityClock}");
            IScenario? scenario = null;
            scenario = CliScenarios.Get(pr.GetValue(env)!, "train", errors);
            scenario = FsrsParamsOption.Apply(scenario, pr.GetValue(fsrsParams), errors);
            if (scenario is not null && (scenario.CreateEnvironment().Accepts & DecisionModes.Timing) == 0)
                errors.Add($"environment '{scenario.Name}' accepts only choice decisions at its opportunities, and a tpprl policy makes " +
                    $"timing decisions; evaluate its baselines instead (`kairos evaluate {scenario.Name} --policies {string.Join(",", scenario.BaselineNames)}`)");
            var defaults = scenario is null ? new TrainingDefaults(new TrainerOptions()) : PolicyTraining.Defaults(scenario);
            var d = defaults.Options;
            string? initPath = pr.GetValue(init);
            var warm = initPath is null || scenario is null ? null
                : TrainStart.Load(initPath, scenario, pr.GetValue(hidden), pr.GetValue(initialRate), pr.GetValue(wtZero), errors);
            int h = warm?.Layout.Hidden ?? pr.GetValue(hidden) ?? defaults.Hidden;
            if (h < 1 || h > MaxHidden) errors.Add($"--hidden must lie in [1, {MaxHidden}], got {h} (the policy has about 3·H² parameters)");
            double? rate = pr.GetValue(initialRate) ?? defaults.InitialRate;
            if (rate is 0) rate = null;   // the authors' initialisation
            if (rate is { } r0 && !(r0 > 0 && double.IsFinite(r0))) errors.Add($"--initial-rate must be a finite number >= 0, got {R(r0)}");
            else if (rate is { } r1 && scenario is not null && r1 * scenario.CreateEnvironment().Spec.Horizon > MaxStartActions)
                errors.Add($"--initial-rate {R(r1)} would start at about {R(r1 * scenario.CreateEnvironment().Spec.Horizon)} actions per episode, " +
                    $"more than the limit of {R(MaxStartActions)}; give a rate in actions per time unit of the environment");
            var q = Regularizers(pr.GetValue(qI) ?? d.Regularizers.QIntensity, pr.GetValue(qM) ?? d.Regularizers.QMark,
                pr.GetValue(qE) ?? d.Regularizers.QEntropy, errors) ?? d.Regularizers;
            if (perItem) TrainPerItem.Check(scenario, pr.GetValue(init) is not null, pr.GetValue(wtZero), pr.GetValue(hidden) is not null,
                pr.GetValue(checkpoint), errors);
            if (scenario?.ItemFeatures is not null && q.QMark > 0)
                errors.Add($"--q-mark must be 0 on {scenario.Name}: its policies weigh per-item features, for which the quadratic mark cost is not defined");
            string? baselineText = pr.GetValue(baseline);
            BaselineKind? kind = baselineText switch { null => d.Baseline, "batch-mean" => BaselineKind.BatchMean, "leave-one-out-causal" => BaselineKind.LeaveOneOutCausal, _ => null };
            if (kind is null) errors.Add($"--baseline '{baselineText}' is not a variance reducer.{DidYouMean.Hint(baselineText!, BaselineNames)} Allowed: {string.Join(", ", BaselineNames)}");
            bool wt0 = pr.GetValue(wtZero) || warm?.FixedZeroDecay == true;
            string outPath = pr.GetValue(output) ?? (scenario is null ? "policy.json"
                : perItem ? TrainPerItem.DefaultPath(scenario) : TrainedPolicyFiles.DefaultPath(scenario, wt0));
            double s0 = pr.GetValue(sharpness) ?? (clock == PerItemClock.Retrievability ? TrainPerItem.DefaultClockSharpness : TrainPerItem.DefaultSharpness);
            if (!double.IsFinite(s0) || Math.Abs(s0) > NeuralTppPolicyFile.MaxParameter)
                errors.Add($"--initial-sharpness must be a finite number within ±{R(NeuralTppPolicyFile.MaxParameter)}, got {R(s0)}");
            if (Directory.Exists(outPath)) errors.Add($"--out {outPath}: is a folder; give the policy file to write, e.g. {Path.Combine(outPath, "policy.json")}");
            var options = d with
            {
                Iterations = pr.GetValue(iterations) ?? d.Iterations, BatchSize = pr.GetValue(batch) ?? d.BatchSize,
                LearningRate = pr.GetValue(lr) ?? d.LearningRate, LearningRateDecay = pr.GetValue(decay) ?? d.LearningRateDecay,
                Regularizers = q, Baseline = kind ?? d.Baseline,
                Seed = pr.GetValue(seed),
                RewardMetric = pr.GetValue(metric) ?? d.RewardMetric ?? scenario?.CreateEnvironment().Reward.Name, ActionCost = pr.GetValue(actionCost) ?? d.ActionCost,
                ActionBudget = pr.GetValue(budget) ?? d.ActionBudget, BudgetPriceStep = pr.GetValue(budgetStep) ?? d.BudgetPriceStep,
                BudgetTolerance = pr.GetValue(budgetTolerance) ?? d.BudgetTolerance,
                HeldOutEpisodes = pr.GetValue(heldOutEpisodes) ?? d.HeldOutEpisodes,
                EvaluateEvery = pr.GetValue(evalEvery) ?? d.EvaluateEvery, Patience = pr.GetValue(patience),
                CheckpointEvery = pr.GetValue(checkpoint), CheckpointDirectory = Path.GetDirectoryName(Path.GetFullPath(outPath)),
                MaxDegreeOfParallelism = pr.GetValue(threads),
            };
            if (options.ActionBudget > MaxStartActions)
                errors.Add($"--budget {R(options.ActionBudget.Value)} is more than the limit of {R(MaxStartActions)} actions per episode");
            double episodes = (double)options.Iterations * options.BatchSize;
            if (WorkEstimate.Refusal($"--iterations {options.Iterations} × --batch {options.BatchSize}", episodes, EpisodesPerSecond, "episodes") is { } tooLong)
                errors.Add(tooLong);
            // The held-out checks, plus the two evaluations of the kept policy at the end.
            double checks = (options.EvaluateEvery > 0 ? Math.Ceiling((double)options.Iterations / options.EvaluateEvery) : 0) + 2;
            if (WorkEstimate.Refusal($"--held-out-episodes {options.HeldOutEpisodes} × {CliFormat.Count((long)checks, "check")}", checks * Math.Max(options.HeldOutEpisodes, 1),
                    EpisodesPerSecond, "episodes") is { } tooLongHeldOut)
                errors.Add(tooLongHeldOut);
            errors.AddRange(CliOptions.Describe(options.Problems(scenario?.CreateEnvironment().Metrics.Select(m => m.Name).ToList()), Flags));
            var burstStart = TrainStart.BurstSettings(scenario, pr.GetValue(burst), pr.GetValue(burstSharpness), options.ActionBudget,
                initPath, wt0, perItem, errors);
            UserInputException.ThrowIfAny(errors);
            if (perItem)
                return TrainPerItem.Run(io, scenario!, options, pr.GetValue(initialRate) is > 0 and var given ? given
                    : (options.ActionBudget ?? PerItemStartActions) / scenario!.CreateEnvironment().Spec.Context.RequireHorizon(PerItemHazardPolicy.KindName),
                    s0, clock ?? PerItemClock.Linear, outPath, pr.GetValue(json));
            var start = warm ?? TrainStart.Fresh(scenario!, options.Seed, h, rate, wt0);
            if (burstStart is { } bs) start = TrainStart.WithBurst(start, bs);
            return Run(io, scenario!, options, start, outPath, pr.GetValue(json));
        });
        return cmd;
    }

    /// <summary>Training episodes per second (spaced repetition: 32 episodes of ~2,000 events in ~23 ms), on the fast side.</summary>
    private const double EpisodesPerSecond = 2e3;

    /// <summary>Actions per episode of a tpprl-per-item start without --budget or --initial-rate.</summary>
    private const double PerItemStartActions = 100;

    /// <summary>Largest RNN state: the policy has about 3·H² parameters, and training keeps a copy per episode.</summary>
    public const int MaxHidden = 1024;
    /// <summary>Largest expected number of actions per episode of the near-Poisson start.</summary>
    public const double MaxStartActions = 1e6;

    private static readonly string[] BaselineNames = ["batch-mean", "leave-one-out-causal"];

    /// <summary><see cref="TrainerOptions"/> members under the flags that set them.</summary>
    private static readonly Dictionary<string, string> Flags = new()
    {
        [nameof(TrainerOptions.Iterations)] = "--iterations", [nameof(TrainerOptions.BatchSize)] = "--batch",
        [nameof(TrainerOptions.LearningRate)] = "--lr", [nameof(TrainerOptions.LearningRateDecay)] = "--lr-decay",
        [nameof(RegularizerWeights.QIntensity)] = "--q-intensity", [nameof(RegularizerWeights.QMark)] = "--q-mark",
        [nameof(RegularizerWeights.QEntropy)] = "--q-entropy", [nameof(TrainerOptions.EvaluateEvery)] = "--eval-every",
        [nameof(TrainerOptions.HeldOutEpisodes)] = "--held-out-episodes",
        [nameof(TrainerOptions.Patience)] = "--patience", [nameof(TrainerOptions.CheckpointEvery)] = "--checkpoint-every",
        [nameof(TrainerOptions.CheckpointDirectory)] = "--out", [nameof(TrainerOptions.RewardMetric)] = "--reward-metric",
        [nameof(TrainerOptions.ActionCost)] = "--action-cost", [nameof(TrainerOptions.ActionBudget)] = "--budget",
        [nameof(TrainerOptions.BudgetPriceStep)] = "--budget-step", [nameof(TrainerOptions.BudgetTolerance)] = "--budget-tolerance", [nameof(TrainerOptions.MaxDegreeOfParallelism)] = "--threads",
    };

    /// <summary>The regularizer weights, or null with a problem per invalid flag.</summary>
    private static RegularizerWeights? Regularizers(double intensity, double mark, double entropy, List<string> errors)
    {
        int before = errors.Count;
        foreach (var (value, flag) in new[] { (intensity, "--q-intensity"), (mark, "--q-mark"), (entropy, "--q-entropy") })
            if (!(value >= 0 && double.IsFinite(value))) errors.Add($"{flag} must be a finite number >= 0, got {R(value)}");
        return errors.Count == before ? new RegularizerWeights(intensity, mark, entropy) : null;
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Names() => string.Join(", ", ScenarioCatalog.All.Select(s => s.Name));

    private static int Run(CliIO io, IScenario scenario, TrainerOptions options, NeuralTppPolicy start, string outPath, bool json)
    {
        var started = DateTime.UtcNow;
        bool wtZero = start.FixedZeroDecay;
        var result = PolicyTraining.Train(io, scenario, options, start, outPath, json);
        double minutes = (DateTime.UtcNow - started).TotalMinutes;
        string stem = Path.ChangeExtension(outPath, null);
        var last = result.Curve.Points[^1];
        var fresh = result.FreshHeldOut;
        int checks = result.Curve.Points.Count(p => double.IsFinite(p.HeldOutObjective));
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.train", version = 1, command = "train", seed = options.Seed, environment = scenario.Name,
                policy = wtZero ? "tpprl-wt0" : "tpprl", iterations = result.Iterations, stoppedEarly = result.StoppedEarly,
                bestIteration = result.BestIteration,
                // The returned policy on fresh episodes; the selection score is the best of the checks (optimistic).
                heldOut = new
                {
                    objective = CliFormat.FiniteOrNull(fresh.Objective), standardError = CliFormat.FiniteOrNull(fresh.ObjectiveStandardError),
                    ci95 = new[] { CliFormat.FiniteOrNull(fresh.ObjectiveInterval95.Low), CliFormat.FiniteOrNull(fresh.ObjectiveInterval95.High) },
                    episodes = result.FreshHeldOutEpisodes, reward = CliFormat.FiniteOrNull(fresh.Reward), actions = fresh.Actions,
                },
                selection = result.BestIteration > 0 ? new { iteration = result.BestIteration, checks, objective = result.BestHeldOutObjective } : null,
                finalBatch = new { reward = last.Reward, objective = last.Objective, actions = last.Actions },
                rewardMetric = options.RewardMetric ?? scenario.CreateEnvironment().Reward.Name, actionCost = options.ActionCost,
                budget = result.Budget is { } b ? new
                {
                    target = b.Budget, actions = b.Actions, actionsStandardError = b.ActionsStandardError, episodes = b.Episodes,
                    finalPrice = b.Price, tolerance = b.Tolerance, met = b.Met,
                    selectedActions = CliFormat.FiniteOrNull(b.SelectedActions), biasShift = b.BiasShift,
                } : null,
                wallMinutes = minutes,
                parameters = result.Policy.Layout.Length, @out = outPath, curveCsv = stem + ".curve.csv", curvePng = stem + ".curve.png",
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("item", "value");
        table.AddRow("environment", scenario.Name);
        table.AddRow("iterations", result.Iterations.ToString(CultureInfo.InvariantCulture) + (result.StoppedEarly ? " (stopped early)" : ""));
        table.AddRow("wall-clock minutes", minutes.ToString("F1", CultureInfo.InvariantCulture));
        table.AddRow($"last batch reward ({Markup.Escape(options.RewardMetric ?? scenario.CreateEnvironment().Reward.Name)}{(options.ActionCost > 0 ? " − cost·actions" : "")})", last.Reward.ToString("G5", CultureInfo.InvariantCulture));
        table.AddRow("last batch reward − penalty", last.Objective.ToString("G5", CultureInfo.InvariantCulture));
        table.AddRow("last batch actions", last.Actions.ToString("G5", CultureInfo.InvariantCulture));
        if (result.Budget is { } bo)
        {
            table.AddRow("budget (actions per episode)", $"{R(bo.Budget)}: held-out {bo.Actions.ToString("G5", CultureInfo.InvariantCulture)} ± " +
                $"{bo.ActionsStandardError.ToString("G2", CultureInfo.InvariantCulture)} (SE, {CliFormat.Count(bo.Episodes, "episode")}), {(bo.Met ? "met" : "NOT met")} within {R(100 * bo.Tolerance)}%");
            table.AddRow("final action price", bo.Price.ToString("G5", CultureInfo.InvariantCulture));
            table.AddRow("rate calibration", FormattableString.Invariant(
                $"selected check spent {bo.SelectedActions:G5}; log-rate bias shifted by {bo.BiasShift:+0.000;-0.000;0}"));
        }
        var (low, high) = fresh.ObjectiveInterval95;
        table.AddRow($"held-out reward − penalty ({result.FreshHeldOutEpisodes} fresh episodes)",
            Markup.Escape(FormattableString.Invariant($"{fresh.Objective:G5} ± {fresh.ObjectiveStandardError:G2} (SE), 95% CI [{low:G5}, {high:G5}]")));
        if (result.BestIteration > 0)
            table.AddRow("policy kept", FormattableString.Invariant(
                $"iteration {result.BestIteration}, best of {CliFormat.Count(checks, "check")} on the same {CliFormat.Count(options.HeldOutEpisodes, "episode")} ({result.BestHeldOutObjective:G5}, optimistic)"));
        table.AddRow("policy", Markup.Escape(outPath));
        table.AddRow("curve", Markup.Escape(stem + ".curve.csv, " + stem + ".curve.png"));
        io.Table().Write(table);
        return KairosCli.Ok;
    }
}
