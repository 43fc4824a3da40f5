using Kairos.Pomdp;

namespace Kairos.Tests.Pomdp;

public sealed class NoisyOrTests
{
    private static IEnumerable<bool[]> AllProfiles(int n) =>
        Enumerable.Range(0, 1 << n).Select(mask => Enumerable.Range(0, n).Select(j => (mask >> j & 1) == 1).ToArray());

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    public void Profiles_RandomNoisyOr_SatisfyAssumptionOne(int seed, int n)
    {
        var rng = new Random(seed);
        var d = Enumerable.Range(0, n).Select(_ => 0.05 + 0.9 * rng.NextDouble()).ToArray();
        var zeta = Enumerable.Range(0, n).Select(_ => 2 * rng.NextDouble()).ToArray();
        var counts = AllProfiles(n).Select(x => (x, 1.0 + rng.Next(10))).ToList();
        var profiles = NoisyOr.Profiles(d, counts);
        Assert.Equal(n, profiles.BasisCount);
        Assert.True(profiles.BasisIsLinearlyIndependent());   // Assumption 1(b)
        for (int x = 0; x < profiles.Count; x++)
        {
            var bits = profiles.Names[x].Select(c => c == '1').ToArray();
            double fromBasis = 1;
            for (int l = 0; l < n; l++)
            {
                double f = profiles.Basis(x, l);
                Assert.InRange(f, double.Epsilon, 1);   // Assumption 1(a): f ∈ (0, 1]
                fromBasis *= Math.Pow(f, zeta[l]);
            }
            Assert.Equal(NoisyOr.NoPurchase(d, zeta, bits), fromBasis, 1e-14);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IndependentProfiles_FactorizedPartition_EqualsEnumeration(bool grouped)
    {
        // Digest (7.3): Z(γ) = Π_j (1 − π_j + π_j a_j^{γ_{g_j}}) against the sum over all 2^n profiles.
        double[] d = [0.5, 0.4, 0.2, 0.3, 0.1], pi = [0.3, 0.6, 0.5, 0.2, 0.7];
        int[]? group = grouped ? [0, 1, 0, 2, 1] : null;
        var independent = new IndependentBinaryProfiles(d, pi, group);
        var counts = AllProfiles(5).Select(x => (x, Enumerable.Range(0, 5).Aggregate(1.0, (p, j) => p * (x[j] ? pi[j] : 1 - pi[j])))).ToList();
        var enumerated = NoisyOr.Profiles(d, counts, group);
        Assert.Equal(independent.BasisCount, enumerated.BasisCount);
        var rng = new Random(3);
        for (int trial = 0; trial < 20; trial++)
        {
            var gamma = Enumerable.Range(0, independent.BasisCount).Select(_ => 10 * rng.NextDouble()).ToArray();
            Assert.Equal(enumerated.LogPartition(gamma), independent.LogPartition(gamma), 1e-12);
            Assert.Equal(independent.LogPartition(gamma),
                Enumerable.Range(0, independent.BasisCount).Sum(l => independent.AxisLogPartition(l, gamma[l])), 1e-12);
        }
        for (int l = 0; l < independent.BasisCount; l++)
        {
            Assert.Equal(enumerated.LogBasisMin(l), independent.LogBasisMin(l), 1e-14);
            Assert.Equal(enumerated.LogBasisMax(l), independent.LogBasisMax(l), 1e-14);
        }
    }

    [Fact]
    public void IndependentProfiles_GridSolve_EqualsEnumeratedSolve()
    {
        double[] d = [0.5, 0.4, 0.3], pi = [0.4, 0.6, 0.25];
        Product[] products = [new("p", 1.0, [1.0, 0.5, 1.5]), new("l", 1.5, [0.5, 1.0, 0.5]), new("t", 1.2, [1.0, 1.0, 0.3])];
        var independent = NoisyOr.Independent(d, pi, products, 0.9);
        var counts = AllProfiles(3).Select(x => (x, Enumerable.Range(0, 3).Aggregate(1.0, (p, j) => p * (x[j] ? pi[j] : 1 - pi[j])))).ToList();
        var enumerated = NoisyOr.FromCounts(d, counts, products, 0.9);
        var a = GridSolver.Solve(independent, 8, 0.25);   // non-lattice (0.3): separable kernel vs table kernel
        var b = GridSolver.Solve(enumerated, 8, 0.25);
        Assert.False(a.LatticeExact);
        Assert.Equal(b.ApproxValue, a.ApproxValue, 1e-12);
        Assert.Equal(b.Sequence, a.Sequence);
        Assert.Equal(RejectionCountDp.Solve(enumerated, 6).Value, RejectionCountDp.Solve(independent, 6).Value, 1e-12);
    }

    [Fact]
    public void IndependentProfiles_EmptyGroup_IsRejectedNamingTheGroup()
    {
        var e = Assert.Throws<ArgumentException>(() => new IndependentBinaryProfiles([0.5, 0.5], [0.5, 0.5], [0, 2]));
        Assert.Contains("group 1", e.Message);
    }
}
