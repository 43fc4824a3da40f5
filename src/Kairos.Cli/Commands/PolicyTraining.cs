using Kairos.Evaluation;
using Kairos.Scenarios;
using Kairos.Learning;
using Kairos.Policies;
using Kairos.Reports;

namespace Kairos.Cli.Commands;

/// <summary>TPPRL training as `kairos train` runs it: the scenario's defaults and the run itself (policy JSON + curve
/// CSV/PNG). Where the policy goes by default: <see cref="TrainedPolicyFiles"/>.</summary>
internal static class PolicyTraining
{
    /// <summary>The scenario's training defaults, or the generic ones (authors' initialisation, H = 8).</summary>
    public static TrainingDefaults Defaults(IScenario scenario) => scenario.TrainingDefaults ?? new TrainingDefaults(new TrainerOptions());

    /// <summary>Trains from <paramref name="start"/> (<see cref="TrainStart"/>: fresh, or a warm start) and writes the
    /// policy and its curve beside it.</summary>
    public static TrainingResult Train(CliIO io, IScenario scenario, TrainerOptions options, NeuralTppPolicy start, string outPath, bool quiet)
    {
        bool wtZero = start.FixedZeroDecay;
        var env = scenario.CreateEnvironment();
        var trainer = new PolicyGradientTrainer(env, options);
        var result = io.WithMeasuredProgress($"train {scenario.Name}{(wtZero ? " (w_t = 0)" : "")}", options.Iterations, quiet,
            $"--iterations {options.Iterations}", "iterations",
            progress => trainer.Train(start, progress));
        TrainingOutputFiles.Write(outPath, result.Curve, $"TPPRL training on {scenario.Name}",
            path => NeuralTppPolicyFile.Save(result.Policy, path, scenario.Name));
        return result;
    }
}
