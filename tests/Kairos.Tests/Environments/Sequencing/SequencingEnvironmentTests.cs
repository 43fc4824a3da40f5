using Kairos.Environments.Sequencing;
using Kairos.Policies.Sequencing;
using Kairos.Pomdp;
using Kairos.Simulation;
using Kairos.Tests.Pomdp;

namespace Kairos.Tests.Environments.Sequencing;

/// <summary>The choice policies run through the event loop agree with the solver's exact values and with
/// <see cref="PolicySimulator"/> (99.9% intervals, z = 3.29, at fixed seeds), and each check rejects a wrong value.</summary>
public sealed class SequencingEnvironmentTests
{
    private const int Episodes = 20_000;
    private const double Z = 3.29;

    private static (double Mean, double StandardError) Estimate(PolicyEvaluation e, string metric = "reward")
    {
        var x = e.Values(metric);
        double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
        return (mean, Math.Sqrt(variance / x.Length));
    }

    /// <summary>Example A over n(0.01) = 46 visits: myopic and grid (lattice-exact h, so optimal for n) on the same
    /// customers (the environment stream of episode i is the same for every policy).</summary>
    private sealed class ExampleA
    {
        public readonly SequencingProblem Problem = DigestExamples.A();
        public readonly int N;
        public readonly GridSequencingPolicy Grid;
        public readonly int[][] Sequences;
        public readonly IReadOnlyList<PolicyEvaluation> Results;

        public ExampleA()
        {
            N = Problem.Horizon(0.01);
            Grid = GridSequencingPolicy.Solve(Problem, 0.01);
            Sequences = [Baselines.Myopic(Problem, N), Grid.Table.Solution.Sequence.ToArray()];
            Results = Evaluator.Evaluate(new SequencingEnvironment(Problem, N), [new MyopicSequencingPolicy(Problem), Grid], Episodes, seed: 17);
        }
    }

    private static readonly Lazy<ExampleA> A = new(() => new ExampleA());

    [Fact]
    public void MyopicAndGrid_ThroughTheEventLoop_MatchExactValuesAndThePolicySimulator()
    {
        var a = A.Value;
        for (int p = 0; p < 2; p++)
        {
            var (mean, se) = Estimate(a.Results[p]);
            double exact = SequenceValue.Of(a.Problem, a.Sequences[p]);
            Assert.InRange(exact, mean - Z * se, mean + Z * se);
            var simulated = PolicySimulator.Simulate(a.Problem, a.Results[p].Policy, a.Sequences[p], a.N, Episodes, seed: 23);
            double both = Math.Sqrt(se * se + simulated.StandardError * simulated.StandardError);
            Assert.InRange(mean - simulated.Mean, -Z * both, Z * both);
            var (rate, rateSe) = Estimate(a.Results[p], "purchases");
            Assert.InRange(simulated.PurchaseRate - rate, -Z * Math.Sqrt(2) * rateSe, Z * Math.Sqrt(2) * rateSe);
            // Power: "A forever" is worth 0.713, far outside the interval.
            Assert.True(Math.Abs(SequenceValue.Of(a.Problem, Enumerable.Repeat(0, a.N).ToArray()) - mean) > Z * se);
        }
        Assert.Equal(a.Grid.Table.Solution.GreedyValue, SequenceValue.Of(a.Problem, a.Sequences[1]));
        Assert.Equal(0, a.Results[0].Values("declines").Sum());
        Assert.All(a.Results[0].Episodes, e => Assert.Equal(e.Metrics["offers"], e.Actions));
    }

    [Fact]
    public void Grid_BeatsMyopic_WhereTheSolverSaysSo()
    {
        // The solver values the grid policy above the myopic one; on common customers the paired difference shows it
        // and covers the exact gap.
        var a = A.Value;
        double gap = a.Grid.Table.Solution.GreedyValue - SequenceValue.Of(a.Problem, a.Sequences[0]);
        Assert.True(gap > 0.01, $"solver gap {gap}");
        var diff = a.Results[1].Values("reward").Zip(a.Results[0].Values("reward"), (g, m) => g - m).ToArray();
        double mean = diff.Average(), se = Math.Sqrt(diff.Sum(d => (d - mean) * (d - mean)) / (diff.Length - 1) / diff.Length);
        Assert.True(mean > Z * se, $"paired difference {mean} ± {se}");
        Assert.InRange(gap, mean - Z * se, mean + Z * se);
    }

    [Fact]
    public void UniformOffers_MatchThePolicySimulatorsRandomBaseline()
    {
        var problem = DigestExamples.B();
        int n = 20;
        var results = Evaluator.Evaluate(new SequencingEnvironment(problem, n),
            [new SoftmaxSequencingPolicy(problem, double.PositiveInfinity), new MyopicSequencingPolicy(problem)], Episodes, seed: 3);
        var (mean, se) = Estimate(results[0]);
        var simulated = PolicySimulator.Simulate(problem, "random", null, n, Episodes, seed: 4);
        double both = Math.Sqrt(se * se + simulated.StandardError * simulated.StandardError);
        Assert.InRange(mean - simulated.Mean, -Z * both, Z * both);
        Assert.True(Estimate(results[1]).Mean - mean > Z * both);   // and the random baseline is told apart from myopic
    }
}
