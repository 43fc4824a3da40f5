using Kairos.Decisions;
using Kairos.PointProcesses;
using Kairos.Policies;
using Kairos.Policies.Sequencing;
using Kairos.Pomdp;
using Kairos.Tests.Pomdp;

namespace Kairos.Tests.Policies.Sequencing;

public sealed class SequencingPolicyTests
{
    private static PolicyContext ContextOf(SequencingProblem p) => new(p.ProductCount, 1);

    /// <summary>Offers to a customer who rejects everything: the decisions taken, in order.</summary>
    private static List<Decision> RejectAll(IDeliveryPolicy policy, SequencingProblem problem, int visits)
    {
        var state = policy.CreateState(ContextOf(problem), new DecisionRandom(1));
        var decisions = new List<Decision>();
        for (int t = 1; t <= visits; t++)
        {
            var d = state.Decide(new Event(t, EventKind.Opportunity), [0]);
            decisions.Add(d);
            if (d.Acts) state.Observe(new Event(t, EventKind.Action, d.Mark, 0), [0]);
        }
        return decisions;
    }

    [Fact]
    public void Myopic_CustomerWhoRejects_FollowsTheMyopicBaselineSequence()
    {
        var problem = DigestExamples.A();
        var decisions = RejectAll(new MyopicSequencingPolicy(problem), problem, 46);
        Assert.Equal(Baselines.Myopic(problem, 46), decisions.Select(d => d.Mark));
        Assert.All(decisions, d => Assert.Equal(1.0, d.Probability));
    }

    [Theory]
    [InlineData(0.01, null)]
    [InlineData(0.01, 0.3)]
    [InlineData(0.05, 0.2)]
    public void Grid_CustomerWhoRejects_FollowsTheSolversSequenceThenDeclines(double epsilon, double? spacing)
    {
        // The solver's grid answer (kairos pomdp solve --method grid) is the sequence the choice policy offers.
        var problem = DigestExamples.A();
        var solved = PomdpSolver.Solve(problem, PomdpMethod.Grid, epsilon, spacing);
        var policy = GridSequencingPolicy.Solve(problem, epsilon, spacing);
        var decisions = RejectAll(policy, problem, solved.Horizon + 3);
        Assert.Equal(solved.Sequence, decisions.Take(solved.Horizon).Select(d => d.Mark));
        Assert.Equal(solved.Value, policy.Table.Solution.GreedyValue);
        Assert.All(decisions.Skip(solved.Horizon), d => Assert.Equal(Decision.None(1), d));   // planned no further
    }

    [Fact]
    public void AfterAPurchase_EveryPolicyDeclines_AndTheStateRecordsIt()
    {
        var problem = DigestExamples.B();
        foreach (var policy in Policies(problem))
        {
            var state = policy.CreateState(ContextOf(problem), new DecisionRandom(7));
            var first = state.Decide(new Event(1, EventKind.Opportunity), [0]);
            Assert.True(first.Acts);
            state.Observe(new Event(1, EventKind.Action, first.Mark, 1), [1]);
            Assert.Equal(Decision.None(1), state.Decide(new Event(2, EventKind.Opportunity), [1]));
            var s = state.Snapshot();
            Assert.Equal([1L, 1, 2, 1], s.Integers);   // offers, bought, visits, declines
            Assert.Equal([0.0, 0.0], s.Reals);         // a purchase does not move γ
        }
    }

    [Fact]
    public void Rejection_AdvancesGammaByTheExactZeta()
    {
        var problem = DigestExamples.B();
        var state = new MyopicSequencingPolicy(problem).CreateState(ContextOf(problem), new DecisionRandom(3));
        state.Observe(new Event(1, EventKind.Action, 1, 0), [0]);   // B rejected: ζ_B = (0.5, 1.5)
        state.Observe(new Event(2, EventKind.Action, 2, null), [0]); // C rejected, outcome from the feedback vector
        Assert.Equal([1.5, 2.5], state.Snapshot().Reals);
        var bad = new MyopicSequencingPolicy(problem).CreateState(ContextOf(problem), new DecisionRandom(3));
        Assert.Throws<InvalidOperationException>(() => bad.Observe(new Event(1, EventKind.Action, 0, null), []));
        Assert.Throws<InvalidOperationException>(() => bad.Observe(new Event(1, EventKind.Action, 3, 0), [0]));
    }

    [Fact]
    public void NoProductCanPay_PolicyDeclines()
    {
        // All rewards 0: nothing is worth offering, so even the myopic policy says none.
        var a = DigestExamples.A();
        var zero = new SequencingProblem(a.Profiles, a.Products.Select(p => new Product(p.Name, 0, p.Zeta)).ToList(), a.Discount);
        foreach (var policy in Policies(zero))
            Assert.All(RejectAll(policy, zero, 3), d => Assert.Equal(Decision.None(1), d));
    }

    [Fact]
    public void Softmax_ProbabilitiesAreTheBoltzmannLawOfTheMyopicValues_AndDrawsFollowThem()
    {
        var problem = DigestExamples.A();
        double tau = 0.02;
        var policy = new SoftmaxSequencingPolicy(problem, tau);
        // Immediate values R_u(1 − H_u(0)) from Z(ζ_u) of digest §9.
        double[] v = [0.27, 0.306, 1.1 * (1 - 0.720349526933)], w = v.Select(x => Math.Exp(x / tau)).ToArray();
        double[] p = w.Select(x => x / w.Sum()).ToArray();
        int n = 20_000;
        var counts = new int[3];
        for (int i = 0; i < n; i++)
        {
            var d = policy.CreateState(ContextOf(problem), new DecisionRandom(DecisionRandom.KeyFor(11, i)))
                .Decide(new Event(1, EventKind.Opportunity), [0]);
            Assert.Equal(p[d.Mark], d.Probability, 9);
            Assert.True(d.Probability < 1);
            counts[d.Mark]++;
        }
        // χ² with 2 degrees of freedom: 13.8 is the 0.999 quantile. The uniform law (the τ = ∞ policy) is rejected.
        Assert.InRange(ChiSquare(counts, p), 0, 13.8);
        Assert.True(ChiSquare(counts, [1 / 3.0, 1 / 3.0, 1 / 3.0]) > 100);
    }

    [Fact]
    public void Softmax_InfiniteTemperature_OffersUniformly()
    {
        var problem = DigestExamples.A();
        var d = new SoftmaxSequencingPolicy(problem, double.PositiveInfinity).CreateState(ContextOf(problem), new DecisionRandom(2))
            .Decide(new Event(1, EventKind.Opportunity), [0]);
        Assert.Equal(1 / 3.0, d.Probability);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxSequencingPolicy(problem, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxSequencingPolicy(problem, double.NaN));
    }

    [Fact]
    public void ContextWithOtherMarkCount_IsRefused()
    {
        var problem = DigestExamples.A();
        var policy = new MyopicSequencingPolicy(problem);
        var e = Assert.Throws<PolicyContextException>(() => policy.CreateState(new PolicyContext(4, 1), new DecisionRandom(1)));
        Assert.Contains("3 products", e.Message);
    }

    [Fact]
    public void Restore_RefusesAnotherPolicysSnapshot()
    {
        var a = DigestExamples.A();
        var context = ContextOf(a);
        var myopic = new MyopicSequencingPolicy(a).CreateState(context, new DecisionRandom(1)).Snapshot();
        var softmax = new SoftmaxSequencingPolicy(a, 0.1).CreateState(context, new DecisionRandom(1)).Snapshot();
        Assert.Throws<PolicyContextException>(() => GridSequencingPolicy.Solve(a, 0.05).Restore(myopic, context));
        Assert.Throws<PolicyContextException>(() => new SoftmaxSequencingPolicy(a, 0.2).Restore(softmax, context));   // other τ
        Assert.Throws<PolicyContextException>(() => new MyopicSequencingPolicy(DigestExamples.B()).Restore(myopic, context));   // other model
        var uniform = new UniformPolicy(1).CreateState(context, new DecisionRandom(1)).Snapshot();
        Assert.Throws<PolicyContextException>(() => new MyopicSequencingPolicy(a).Restore(uniform, context));
        Assert.Throws<PolicyContextException>(() => new MyopicSequencingPolicy(a).Restore(myopic with { Integers = [1, 0, 2, 3] }, context));
        Assert.Throws<PolicyContextException>(() => new MyopicSequencingPolicy(a).Restore(myopic with { Version = 2 }, context));
    }

    internal static IDeliveryPolicy[] Policies(SequencingProblem problem) =>
    [
        new MyopicSequencingPolicy(problem), GridSequencingPolicy.Solve(problem, 0.05), new SoftmaxSequencingPolicy(problem, 0.1),
    ];

    private static double ChiSquare(int[] counts, double[] p)
    {
        double n = counts.Sum(), chi = 0;
        for (int i = 0; i < counts.Length; i++) chi += Math.Pow(counts[i] - n * p[i], 2) / (n * p[i]);
        return chi;
    }
}
