using Kairos.Policies;

namespace Kairos.Tests.Policies;

public sealed class OracleAllocationTests
{
    private static (int[] Best, double Value) BruteForce(double[] rates, double alpha, double tau, int budget)
    {
        int[]? best = null;
        double bestValue = double.NegativeInfinity;
        void Recurse(int i, int left, int[] k)
        {
            if (i == rates.Length - 1)
            {
                k[i] = left;
                double v = 0;
                for (int j = 0; j < rates.Length; j++) v += Math.Exp(-tau * rates[j] * Math.Pow(1 - alpha, k[j]));
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
        var (best, value) = BruteForce(rates, 0.2, 2, 12);
        var greedy = OracleAllocation.Greedy(rates, 0.2, 2, 12);
        Assert.Equal(best, greedy);
        Assert.Equal(value, OracleAllocation.Objective(rates, 0.2, 2, greedy), 14);
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
        var (_, value) = BruteForce(rates, 0.15, 2, budget);
        var exact = OracleAllocation.Exact(rates, 0.15, 2, budget);
        Assert.Equal(budget, exact.Sum());
        Assert.Equal(value, OracleAllocation.Objective(rates, 0.15, 2, exact), 13);
        Assert.True(OracleAllocation.Objective(rates, 0.15, 2, OracleAllocation.Greedy(rates, 0.15, 2, budget)) <= value + 1e-13);
    }

    [Fact]
    public void Exact_TpprlItems_BeatsEvenSplit()
    {
        var rates = Kairos.Environments.SpacedRepetition.ItemSets.TpprlStudy();
        var exact = OracleAllocation.Exact(rates, 0.049, 2, 1000);
        var even = Enumerable.Repeat(20, 50).ToArray();
        Assert.True(OracleAllocation.Objective(rates, 0.049, 2, exact) > OracleAllocation.Objective(rates, 0.049, 2, even));
    }
}
