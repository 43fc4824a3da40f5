using Kairos.Models.SpacedRepetition;
using Kairos.Policies;

namespace Kairos.Tests.Policies;

public sealed class OracleAllocationTests
{
    private static (int[] Best, double Value) BruteForce(double[] rates, double alpha, double tau, int budget, double beta = 0, double horizon = 0, bool literal = false)
    {
        int[]? best = null;
        double bestValue = double.NegativeInfinity;
        void Recurse(int i, int left, int[] k)
        {
            if (i == rates.Length - 1)
            {
                k[i] = left;
                double v = 0;
                // Independent statement of the late-review return: unreviewed items keep their t = 0 review; the first
                // late review is forgotten (×(1 + β)), the rest recalled (×(1 − α)).
                for (int j = 0; j < rates.Length; j++)
                    v += literal ? Math.Exp(-tau * rates[j] * Math.Pow(1 - alpha, k[j]))
                        : k[j] == 0 ? Math.Exp(-(horizon + tau) * rates[j])
                        : Math.Exp(-tau * rates[j] * (1 + beta) * Math.Pow(1 - alpha, k[j] - 1));
                if (v > bestValue) (bestValue, best) = (v, (int[])k.Clone());
                return;
            }
            for (int c = 0; c <= left; c++) { k[i] = c; Recurse(i + 1, left - c, k); }
        }
        Recurse(0, budget, new int[rates.Length]);
        return (best!, bestValue);
    }

    [Fact]
    public void Greedy_TinyCase_EqualsBruteForce()
    {
        // Given 3 items with the TPPRL α and τ and 12 reviews (hard items sit in the convex part of g)
        double[] rates = [0.4, 1.1, 2.4];
        var (best, value) = BruteForce(rates, 0.2, 2, 12, beta: 0.05, horizon: 14);
        var gain = new LateReviewGain(0.2, 0.05, 2, 14);
        var greedy = OracleAllocation.Greedy(rates, gain, 12);
        Assert.Equal(best, greedy);
        Assert.Equal(value, OracleAllocation.Objective(rates, gain, greedy), 14);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Exact_RandomTinyCases_AttainsBruteForceOptimum(int seed)
    {
        var rng = new Random(seed);
        double[] rates = Enumerable.Range(0, 4).Select(_ => 0.2 + 2.5 * rng.NextDouble()).ToArray();
        int budget = 5 + rng.Next(10);
        var (_, value) = BruteForce(rates, 0.15, 2, budget, beta: 0.1, horizon: 3);
        var gain = new LateReviewGain(0.15, 0.1, 2, 3);
        var exact = OracleAllocation.Exact(rates, gain, budget);
        Assert.Equal(budget, exact.Sum());
        Assert.Equal(value, OracleAllocation.Objective(rates, gain, exact), 13);
        Assert.True(OracleAllocation.Objective(rates, gain, OracleAllocation.Greedy(rates, gain, budget)) <= value + 1e-13);
    }

    [Fact]
    public void Exact_TpprlItems_BeatsEvenSplit()
    {
        var rates = ItemSets.TpprlStudy();
        var gain = new LateReviewGain(0.049, 0.0052, 2, 14);
        var exact = OracleAllocation.Exact(rates, gain, 1000);
        var even = Enumerable.Repeat(20, 50).ToArray();
        Assert.True(OracleAllocation.Objective(rates, gain, exact) > OracleAllocation.Objective(rates, gain, even));
    }

    [Fact]
    public void Exact_LiteralIssueFormula_MatchesBruteForceWithoutCorrections()
    {
        double[] rates = [0.5, 1.0, 2.0];
        var (_, value) = BruteForce(rates, 0.1, 2, 9, literal: true);
        var literal = new LateReviewGain(0.1, 0.3, 2, 14, Literal: true);
        Assert.Equal(value, OracleAllocation.Objective(rates, literal, OracleAllocation.Exact(rates, literal, 9)), 13);
    }
}
