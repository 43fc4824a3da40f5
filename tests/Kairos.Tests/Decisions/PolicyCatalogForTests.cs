using Kairos.Decisions;
using Kairos.Environments.SpacedRepetition;
using Kairos.Environments.Toy;
using Kairos.Models.SpacedRepetition;
using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.Policies;
using Kairos.Policies.Broadcasting;
using Kairos.Policies.AdDelivery;
using Kairos.Policies.Sequencing;
using Kairos.Scenarios;

namespace Kairos.Tests.Decisions;

/// <summary>One instance of every policy kind the library has, each with a context it accepts and a typical gap
/// between exogenous events. A new policy kind belongs here, so the snapshot property covers it.</summary>
internal static class PolicyCatalogForTests
{
    public sealed record Case(string Name, IDeliveryPolicy Policy, PolicyContext Context, double MeanGap)
    {
        public override string ToString() => Name;
    }

    /// <summary>A per-item policy on the FSRS memory scenario, sharp in 1 − R̂ and with weight on every input.</summary>
    private static PerItemHazardPolicy PerItemHazard(FsrsSpacedRepetitionScenario memory, PolicyContext context)
    {
        var start = PerItemHazardPolicy.Initialize(context, memory.ItemFeatures!, initialRate: 30, sharpness: 8);
        var theta = start.Parameters.ToArray();
        for (int j = 1; j < theta.Length; j++) theta[j] += 0.3 * Math.Sin(j);
        return new PerItemHazardPolicy(memory.ItemFeatures!, context.MarkCount, theta);
    }

    /// <summary>The same on the retrievability clock, steep in −ln R̂(t).</summary>
    private static PerItemHazardPolicy PerItemClock(FsrsSpacedRepetitionScenario memory, PolicyContext context)
    {
        var start = PerItemHazardPolicy.Initialize(context, memory.ItemFeatures!, initialRate: 30, sharpness: 40, Kairos.Policies.PerItemClock.Retrievability);
        var theta = start.Parameters.ToArray();
        for (int j = 2; j < theta.Length; j++) theta[j] += 0.3 * Math.Sin(j);
        return new PerItemHazardPolicy(memory.ItemFeatures!, context.MarkCount, theta, clock: Kairos.Policies.PerItemClock.Retrievability);
    }

    public static IReadOnlyList<Case> All()
    {
        var model = new StudentModel(0.049, 0.0052, [0.5, 1.0, 2.0, 0.1, 0.8]);
        var sr = new PolicyContext(model.ItemCount, 1, Horizon: 14, Origin: 3.5, TimeUnit: "days");
        var options = new SpacedRepetitionOptions(model);
        var counting = new CountingEnvironment(10, 4).Spec.Context;
        var timed = new TimedSpacedRepetitionScenario();
        var timedContext = timed.CreateEnvironment().Spec.Context with { Origin = 1 };
        var memory = new FsrsSpacedRepetitionScenario(memory: true);
        var memoryContext = memory.CreateEnvironment().Spec.Context with { Origin = 1 };
        var memoryStart = NeuralTppPolicy.Initialize(memoryContext, new Random(7), hidden: 4, features: memory.EventFeatures, initialRate: 30,
            items: memory.ItemFeatures);
        var memoryTheta = memoryStart.Parameters.ToArray();
        for (int j = 0; j < memoryStart.Layout.ItemFeatureSize; j++) memoryTheta[memoryStart.Layout.U + j] = 3 * Math.Cos(j);
        var sequencing = Pomdp.DigestExamples.A();
        var sequencingContext = new PolicyContext(sequencing.ProductCount, 1, Origin: 2);
        var ad = Policies.AdDelivery.AdTestModels.Small();
        var adContext = new PolicyContext(ad.Layout.Ads, 0, Origin: 1.5);
        var xi = Enumerable.Range(0, AdSoftmaxPolicy.Length(ad.Layout)).Select(i => Math.Sin(i) * 0.7).ToArray();
        return
        [
            new("uniform", new UniformPolicy(3), sr, 0.5),
            new("memorize", new MemorizePolicy(model, 4), sr, 0.5),
            new("threshold", new ThresholdPolicy(model, 0.7), sr, 0.5),
            new("cram", new CramPolicy(12), sr, 2),
            new("fsrs", new FsrsPolicy(FsrsParameters.Default, [2.0, 4.0, 6.0, 8.0, 9.5], 0.85), sr, 0.5),
            new("oracle", options.Oracle(12), sr with { Origin = 0 }, 2),
            new("tpprl", NeuralTppPolicy.Initialize(counting, new Random(5), hidden: 8, initialRate: 2), counting, 0.4),
            new("tpprl-timed", NeuralTppPolicy.Initialize(timedContext, new Random(6), hidden: 8, features: timed.EventFeatures, initialRate: 30),
                timedContext, 0.1),
            new("tpprl-memory", new NeuralTppPolicy(memoryStart.Layout, memoryTheta, memory.EventFeatures, items: memory.ItemFeatures),
                memoryContext, 0.1),
            new("tpprl-per-item", PerItemHazard(memory, memoryContext), memoryContext, 0.1),
            new("tpprl-per-item-clock", PerItemClock(memory, memoryContext), memoryContext, 0.1),
            new("toy-rate", new ToyRatePolicy("toy", 1.0, 4.0), counting, 0.5),
            new("random-choice", new RandomChoicePolicy(0.3), new PolicyContext(4, 0), 1),
            new("constant-choice", new ConstantChoicePolicy(2, "always"), new PolicyContext(3, 0), 1),
            new("constant-choice-never", new ConstantChoicePolicy(Decision.NoAction, "never"), new PolicyContext(3, 0), 1),
            new("sequencing-myopic", new MyopicSequencingPolicy(sequencing), sequencingContext, 1),
            new("sequencing-grid", GridSequencingPolicy.Solve(sequencing, 0.05, 0.25), sequencingContext, 1),
            new("sequencing-softmax", new SoftmaxSequencingPolicy(sequencing, 0.05), sequencingContext, 1),
            new("redqueen", new RedQueenPolicy(2.0), new PolicyContext(1, 2, Horizon: 20, Origin: 1.5), 0.5),
            new("piecewise-rate", new PiecewiseRatePolicy([0.5, 2, 0, 1], 20), new PolicyContext(1, 2, Horizon: 20, Origin: 1.5), 0.5),
            new("ad-learned", AdPolicyFile.Create(AdSoftmaxPolicy.LearnedKind, ad, 0.5, xi), adContext, 0.7),
            new("ad-plugin", AdPolicyFile.Create(AdSoftmaxPolicy.PlugInKind, ad, 0.5, xi), adContext, 0.7),
            new("ad-thompson", AdPolicyFile.Create(AdThompsonPolicy.KindName, ad, 0.5), adContext, 0.7),
            new("ad-myopic", AdPolicyFile.Create(AdMyopicPolicy.KindName, ad, 0.5), adContext, 0.7),
            new("ad-plan", AdPolicyFile.Create(AdPlanningPolicy.PosteriorKind, ad, AdPolicy.Uniform(2, 0.5), null, null, rollouts: 2, lookahead: 2,
                AdContinuation.Greedy), adContext, 0.7),
            new("ad-plan-plugin", AdPolicyFile.Create(AdPlanningPolicy.PlugInKind, ad, AdPolicy.Uniform(2, 0.5), null, null, rollouts: 2, lookahead: 2), adContext, 0.7),
            new("ad-plan-thompson", AdPolicyFile.Create(AdPlanningPolicy.ThompsonKind, ad, AdPolicy.Uniform(2, 0.5), null, null, rollouts: 2, lookahead: 2), adContext, 0.7),
            new("ad-plan-margin", AdPolicyFile.Create(AdPlanningPolicy.PosteriorKind, ad, AdPolicy.Uniform(2, 0.1), null, null, rollouts: 2, lookahead: 2,
                AdContinuation.Greedy, margin: 0.05), adContext, 0.7),
        ];
    }
}
