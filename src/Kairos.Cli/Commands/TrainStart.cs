using System.Globalization;
using Kairos.Neural;
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

    /// <summary>Settings of a wait-then-burst start (<see cref="TpprlBurstStart"/>).</summary>
    public sealed record Burst(double Horizon, double Budget, double Lead, double Sharpness);

    /// <summary>The `--init-burst` settings, or null when not asked for or invalid (every problem added to
    /// <paramref name="errors"/>): it shapes a fresh tpprl policy with a free decay, and needs --budget and a horizon.</summary>
    public static Burst? BurstSettings(IScenario? scenario, double? lead, double? sharpness, double? budget, string? initPath,
        bool wtZero, bool perItem, List<string> errors)
    {
        if (lead is null)
        {
            if (sharpness is not null) errors.Add("--init-burst-sharpness needs --init-burst");
            return null;
        }
        int before = errors.Count;
        if (perItem) errors.Add("--init-burst shapes a tpprl policy, not --policy tpprl-per-item");
        if (initPath is not null) errors.Add($"--init-burst shapes a fresh policy; it cannot be combined with --init {initPath}");
        if (wtZero) errors.Add("--init-burst ramps the intensity through the decay w_t; it cannot be combined with --wt-zero");
        if (budget is null) errors.Add("--init-burst needs --budget N: the burst is sized to spend N actions");
        double? horizon = scenario?.CreateEnvironment().Spec.Horizon;
        if (scenario is not null && horizon is not (> 0 and < double.PositiveInfinity))
            errors.Add($"--init-burst needs an episode horizon, and '{scenario.Name}' has none");
        if (errors.Count > before || scenario is null) return null;
        double l = lead.Value, k = sharpness ?? TpprlBurstStart.DefaultSharpnessTimesLead / l;
        var problems = TpprlBurstStart.Problems(horizon!.Value, budget!.Value, l, k);
        foreach (var p in problems)
            errors.Add($"--init-burst {l.ToString("R", CultureInfo.InvariantCulture)}: {p}");
        return problems.Count == 0 ? new Burst(horizon.Value, budget.Value, l, k) : null;
    }

    /// <summary><paramref name="fresh"/> with its last state unit made the burst's latch.</summary>
    public static NeuralTppPolicy WithBurst(NeuralTppPolicy fresh, Burst burst)
    {
        var theta = fresh.Parameters.ToArray();
        TpprlBurstStart.Apply(theta, fresh.Layout, burst.Horizon, burst.Budget, burst.Lead, burst.Sharpness);
        return new NeuralTppPolicy(fresh.Layout, theta, fresh.Features, fresh.FixedZeroDecay, fresh.Name, fresh.ItemFeatures);
    }
}
