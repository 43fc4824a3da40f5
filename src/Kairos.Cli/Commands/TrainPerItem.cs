using System.Globalization;
using Kairos.Evaluation;
using Kairos.Learning;
using Kairos.Policies;
using Kairos.Reports;
using Kairos.Scenarios;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos train ENV --policy tpprl-per-item`: REINFORCE training of a <see cref="PerItemHazardPolicy"/> (one
/// intensity per item over the scenario's per-item features) with the options `train` parsed; writes the policy JSON
/// and its training curve beside it.</summary>
internal static class TrainPerItem
{
    /// <summary>Default initial weight of the first item feature (for fsrs-memory, 1 − R̂ now), see
    /// <see cref="PerItemHazardPolicy.Initialize"/>.</summary>
    public const double DefaultSharpness = 10;
    /// <summary>Default initial κ, the weight on −ln R̂(t), on the retrievability clock.</summary>
    public const double DefaultClockSharpness = 20;

    /// <summary>Problems of the flags that do not apply to this kind, or of a scenario without per-item features.</summary>
    public static void Check(IScenario? scenario, bool init, bool wtZero, bool hidden, int checkpointEvery, List<string> errors)
    {
        if (scenario is not null && scenario.ItemFeatures is null)
            errors.Add($"--policy {PerItemHazardPolicy.KindName} needs per-item features, and '{scenario.Name}' has none; " +
                "use a scenario that offers them, e.g. spaced-repetition-fsrs-memory");
        if (init) errors.Add($"--init: fine-tuning is not supported for --policy {PerItemHazardPolicy.KindName}; train it afresh");
        if (wtZero) errors.Add($"--wt-zero applies to --policy tpprl only");
        if (hidden) errors.Add($"--hidden applies to --policy tpprl only ({PerItemHazardPolicy.KindName} has no RNN)");
        if (checkpointEvery > 0) errors.Add($"--checkpoint-every applies to --policy tpprl only");
    }

    public static string DefaultPath(IScenario scenario) =>
        Path.Combine(TrainedPolicyFiles.DefaultDirectory, $"{scenario.Name}.{PerItemHazardPolicy.KindName}.json");

    public static int Run(CliIO io, IScenario scenario, TrainerOptions options, double initialRate, double sharpness, PerItemClock clock,
        string outPath, bool json)
    {
        var started = DateTime.UtcNow;
        var env = scenario.CreateEnvironment();
        var start = PerItemHazardPolicy.Initialize(env.Spec.Context, scenario.ItemFeatures!, initialRate, sharpness, clock);
        var trainer = new PerItemHazardTrainer(env, options);
        var result = io.WithMeasuredProgress($"train {scenario.Name} ({PerItemHazardPolicy.KindName})", options.Iterations, json,
            $"--iterations {options.Iterations}", "iterations", progress => trainer.Train(start, progress));
        TrainingOutputFiles.Write(outPath, result.Curve, $"per-item TPPRL training on {scenario.Name}",
            path => PerItemHazardPolicyFile.Save(result.Policy, path, scenario.Name));
        string stem = Path.ChangeExtension(outPath, null);
        double minutes = (DateTime.UtcNow - started).TotalMinutes;
        var fresh = result.FreshHeldOut;
        var last = result.Curve.Points[^1];
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.train", version = 1, command = "train", seed = options.Seed, environment = scenario.Name,
                policy = PerItemHazardPolicy.KindName, iterations = result.Iterations, stoppedEarly = result.StoppedEarly,
                bestIteration = result.BestIteration,
                heldOut = new
                {
                    objective = CliFormat.FiniteOrNull(fresh.Objective), standardError = CliFormat.FiniteOrNull(fresh.ObjectiveStandardError),
                    episodes = result.FreshHeldOutEpisodes, metric = CliFormat.FiniteOrNull(fresh.Metric), actions = fresh.Actions,
                },
                selection = result.BestIteration > 0 ? new { iteration = result.BestIteration, objective = result.BestHeldOutObjective } : null,
                finalBatch = new { reward = last.Reward, actions = last.Actions },
                rewardMetric = trainer.RewardMetric, actionCost = options.ActionCost, initialRate, initialSharpness = sharpness,
                itemClock = clock == PerItemClock.Linear ? PerItemHazardPolicyFile.LinearClock : PerItemHazardPolicyFile.RetrievabilityClock,
                budget = result.Budget is { } b ? new
                {
                    target = b.Budget, actions = b.Actions, actionsStandardError = b.ActionsStandardError, episodes = b.Episodes,
                    finalPrice = b.Price, tolerance = b.Tolerance, met = b.Met,
                    selectedActions = CliFormat.FiniteOrNull(b.SelectedActions), biasShift = b.BiasShift,
                } : null,
                wallMinutes = minutes, parameters = result.Policy.Parameters.ToArray(), @out = outPath,
                curveCsv = stem + ".curve.csv", curvePng = stem + ".curve.png",
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("item", "value");
        table.AddRow("environment", scenario.Name);
        table.AddRow("policy", PerItemHazardPolicy.KindName);
        table.AddRow("iterations", result.Iterations.ToString(CultureInfo.InvariantCulture));
        table.AddRow("wall-clock minutes", minutes.ToString("F1", CultureInfo.InvariantCulture));
        if (result.Budget is { } bo)
            table.AddRow("budget (actions per episode)", FormattableString.Invariant(
                $"{bo.Budget:G6}: held-out {bo.Actions:G5} ± {bo.ActionsStandardError:G2}, {(bo.Met ? "met" : "NOT met")}; selected check {bo.SelectedActions:G5}, bias shift {bo.BiasShift:+0.000;-0.000;0}"));
        table.AddRow($"held-out {Markup.Escape(trainer.RewardMetric)} ({result.FreshHeldOutEpisodes} fresh episodes)",
            FormattableString.Invariant($"{fresh.Metric:G5} at {fresh.Actions:G5} actions"));
        table.AddRow("policy file", Markup.Escape(outPath));
        io.Table().Write(table);
        return KairosCli.Ok;
    }
}
