using Kairos.Learning;
using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Reports;
using Kairos.Scenarios;

namespace Kairos.Cli.Commands;

/// <summary>TPPRL training shared by `kairos train` and `kairos evaluate` (which trains a missing default policy):
/// the scenario's defaults, the default model path, and the run itself (policy JSON + curve CSV/PNG).</summary>
internal static class PolicyTraining
{
    /// <summary>Folder of default model files, relative to the working directory.</summary>
    public const string DefaultModelDirectory = "kairos-models";

    /// <summary>The scenario's training defaults, or the generic ones (authors' initialisation, H = 8).</summary>
    public static TrainingDefaults Defaults(IScenario scenario) => scenario.TrainingDefaults ?? new TrainingDefaults(new TrainerOptions());

    /// <summary>&lt;dir&gt;/&lt;scenario&gt;.tpprl.json, or .tpprl-wt0.json for the w_t = 0 ablation.</summary>
    public static string DefaultModelPath(IScenario scenario, bool wtZero, string? directory = null) =>
        Path.Combine(directory ?? DefaultModelDirectory, $"{scenario.Name}.{(wtZero ? "tpprl-wt0" : "tpprl")}.json");

    /// <summary>Trains from a fresh policy (seeded by the run seed) and writes the policy and its curve beside it.</summary>
    public static TrainingResult Train(CliIO io, IScenario scenario, TrainerOptions options, int hidden, double? initialRate,
        bool wtZero, string outPath, bool quiet)
    {
        var env = scenario.CreateEnvironment();
        var start = NeuralTppPolicy.Initialize(env.Spec.Context, SeedSequence.Stream(options.Seed, 1L << 41), hidden,
            scenario.EventFeatures, fixedZeroDecay: wtZero, initialRate: initialRate);
        var trainer = new PolicyGradientTrainer(env, options);
        var result = io.WithProgress($"train {scenario.Name}{(wtZero ? " (w_t = 0)" : "")}", options.Iterations, quiet,
            progress => trainer.Train(start, progress));
        string? dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null) Directory.CreateDirectory(dir);
        NeuralTppPolicyFile.Save(result.Policy, outPath, scenario.Name);
        string stem = Path.ChangeExtension(outPath, null);
        result.Curve.WriteCsv(stem + ".curve.csv");
        result.Curve.WritePng(stem + ".curve.png", $"TPPRL training on {scenario.Name}");
        return result;
    }
}
