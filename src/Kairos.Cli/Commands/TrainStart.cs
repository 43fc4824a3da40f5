using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Scenarios;

namespace Kairos.Cli.Commands;

/// <summary>The policy `kairos train` starts from: a fresh one seeded by the run seed, or (`--init FILE`) a policy
/// file trained on the same scenario, to fine-tune it (warm start; Adam's moments and the learning-rate schedule start
/// afresh, and under `--budget` the price starts at `--action-cost`).</summary>
internal static class TrainStart
{
    /// <summary>Fresh start: the scenario's initialisation, seeded by the run seed.</summary>
    public static NeuralTppPolicy Fresh(IScenario scenario, int seed, int hidden, double? initialRate, bool wtZero) =>
        NeuralTppPolicy.Initialize(scenario.CreateEnvironment().Spec.Context, SeedSequence.Stream(seed, 1L << 41), hidden,
            scenario.EventFeatures, fixedZeroDecay: wtZero, initialRate: initialRate, items: scenario.ItemFeatures);

    /// <summary>Loads <paramref name="path"/> as the start on <paramref name="scenario"/>, or null with every problem
    /// added to <paramref name="errors"/>: a missing or malformed file, a policy trained on another scenario or with
    /// another shape, and flags that would shape a fresh policy differently (`--hidden`, `--initial-rate`, `--wt-zero`).</summary>
    public static NeuralTppPolicy? Load(string path, IScenario scenario, int? hidden, double? initialRate, bool wtZero, List<string> errors)
    {
        int before = errors.Count;
        NeuralTppPolicy? policy = null;
        try
        {
            string? trainedOn = NeuralTppPolicyFile.ReadEnvironment(path);
            if (trainedOn is not null && trainedOn != scenario.Name)
                errors.Add($"--init {path}: the policy was trained on '{trainedOn}', not '{scenario.Name}'; " +
                    $"fine-tune it with `kairos train {trainedOn} --init {path}`");
            else policy = NeuralTppPolicyFile.Load(path, scenario.EventFeatures, scenario.ItemFeatures);
        }
                catch (UserInputException e) { errors.AddRange(e.Problems.Select(p => "--init " + p)); }
        if (policy is null) return null;
        int h = policy.Layout.Hidden;
        var expected = NeuralTppPolicy.LayoutFor(scenario.CreateEnvironment().Spec.Context, h, scenario.EventFeatures,
            policy.Layout.FeedbackSources, scenario.ItemFeatures);
        if (!policy.Layout.Equals(expected))
            errors.Add($"--init {path}: the policy's layout ({policy.Layout.Describe()}) does not fit '{scenario.Name}' (expected {expected.Describe()})");
        if (hidden is { } given && given != h)
            errors.Add($"--hidden {given} contradicts --init {path}, whose policy has H = {h}; leave --hidden out to fine-tune it");
        if (initialRate is not null)
            errors.Add($"--initial-rate shapes a fresh policy; it cannot be combined with --init {path}");
        if (wtZero && !policy.FixedZeroDecay)
            errors.Add($"--wt-zero: the policy of --init {path} was trained with a free decay w_t; the ablation must start fresh");
        return errors.Count == before ? policy : null;
    }
}
