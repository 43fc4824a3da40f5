using Kairos.Numerics;

namespace Kairos.Tests.Numerics;

public sealed class KolmogorovSmirnovTests
{
    /// <summary>P(K &gt; x) = 2Σ(−1)^{j−1}e^{−2j²x²}, summed with mpmath 1.3.0 nsum at 50 digits; x = 1 also equals
    /// scipy's kstwobign.sf(1.0) = 0.26999967167735456.</summary>
    [Theory]
    [InlineData(0.3, 0.99999069419866543337)]
    [InlineData(0.5, 0.96394524366487509439)]
    [InlineData(0.8, 0.544142411574198149)]
    [InlineData(1.0, 0.26999967167735456)]
    [InlineData(1.36, 0.049485876755377909939)]
    [InlineData(2.0, 0.00067092525577969534654)]
    [InlineData(3.0, 3.0459959489425256872e-8)]
    public void LimitSurvival_KnownValues_MatchToRelative1e12(double x, double expected) =>
        Assert.True(Math.Abs(KolmogorovSmirnov.LimitSurvival(x) - expected) <= 1e-12 * expected,
            $"{KolmogorovSmirnov.LimitSurvival(x):R}");

    /// <summary>For d ≥ 1/2 the two one-sided tails are disjoint, so P(D_n ≥ d) = 2·P(D_n⁺ ≥ d), and the one-sided
    /// tail has the Smirnov/Birnbaum–Tingey (1951) closed form d·Σ_{j≤n(1−d)} C(n,j)(1−d−j/n)^{n−j}(d+j/n)^{j−1};
    /// evaluated with mpmath at 40 digits.</summary>
    [Theory]
    [InlineData(0.6, 5, 0.03008)]
    [InlineData(0.5, 10, 0.00777741)]
    [InlineData(0.55, 20, 3.2861970662280171551e-6)]
    [InlineData(0.7, 10, 0.0000195448)]
    public void PValue_LargeD_MatchesBirnbaumTingey(double d, int n, double expected) =>
        Assert.True(Math.Abs(KolmogorovSmirnov.PValue(d, n) - expected) <= 1e-9 * expected,
            $"{KolmogorovSmirnov.PValue(d, n):R}");

    /// <summary>Ruben &amp; Gambino (1982): P(D_n &lt; d) = n!(2d − 1/n)^n for 1/(2n) ≤ d ≤ 1/n; n = 5, d = 0.15 gives
    /// 120·0.1⁵ = 0.0012. Checks the matrix method itself (PValue short-cuts this range).</summary>
    [Fact]
    public void ExactCdf_SmallD_MatchesRubenGambino() =>
        Assert.True(Math.Abs(KolmogorovSmirnov.ExactCdf(0.15, 5) - 0.0012) <= 1e-12);

    /// <summary>Durbin's (1973) matrix formula evaluated in exact rational arithmetic (Python fractions, an
    /// independent implementation): P(D_100 ≥ 0.12) = 0.10330374901820255.</summary>
    [Fact]
    public void PValue_ModerateD_MatchesExactRationalDurbin() =>
        Assert.True(Math.Abs(KolmogorovSmirnov.PValue(0.12, 100) - 0.10330374901820255) <= 1e-12);

    /// <summary>Two-sided critical values of Miller (1956), Table 1 (5 digits): n = 10, α = 0.05 → 0.40925;
    /// n = 20, α = 0.01 → 0.35241; n = 40, α = 0.05 → 0.21012 (n = 40 uses the matrix method too).</summary>
    [Theory]
    [InlineData(0.40925, 10, 0.05)]
    [InlineData(0.35241, 20, 0.01)]
    [InlineData(0.21012, 40, 0.05)]
    public void PValue_AtMillerCriticalValues_IsAlpha(double d, int n, double alpha) =>
        Assert.True(Math.Abs(KolmogorovSmirnov.PValue(d, n) - alpha) <= 2e-4, $"{KolmogorovSmirnov.PValue(d, n):R}");

    [Fact]
    public void PValue_LargeN_AgreesWithStephensAndIsMonotone()
    {
        double p1 = KolmogorovSmirnov.PValue(0.01, 10_000), p2 = KolmogorovSmirnov.PValue(0.02, 10_000);
        Assert.InRange(p1, 0.25, 0.29);   // √n·d = 1 → ≈ kstwobign.sf(1.0)
        Assert.True(p2 < p1 && p2 < 1e-3);
    }

    /// <summary>Where PValue switches from the exact matrix method to Stephens' corrected limit law, the two agree to
    /// the approximation's accuracy (about 1% relative at n ≥ 100), so the p-value has no large jump there.</summary>
    [Theory]
    [InlineData(0.08, 200)]
    [InlineData(0.05, 400)]
    [InlineData(0.12, 100)]
    public void ExactCdf_AgreesWithStephensApproximation(double d, int n)
    {
        double exact = 1 - KolmogorovSmirnov.ExactCdf(d, n);
        double stephens = KolmogorovSmirnov.LimitSurvival((Math.Sqrt(n) + 0.12 + 0.11 / Math.Sqrt(n)) * d);
        Assert.True(Math.Abs(exact - stephens) <= 1e-2 * exact, $"exact {exact:R}, Stephens {stephens:R}");
    }

    [Fact]
    public void Statistic_UniformGrid_IsHalfStep()
    {
        // x_i = (i − ½)/n against U(0,1): every step is exactly 1/(2n) from the CDF.
        var x = Enumerable.Range(1, 10).Select(i => (i - 0.5) / 10).ToArray();
        Assert.Equal(0.05, KolmogorovSmirnov.Statistic(x, v => v), 12);
    }

    [Fact]
    public void Test_BadInputs_Throw()
    {
        Assert.Throws<ArgumentException>("sample", () => KolmogorovSmirnov.Statistic([], v => v));
        Assert.Throws<ArgumentException>("sample", () => KolmogorovSmirnov.Statistic([0.1, double.NaN], v => v));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => KolmogorovSmirnov.PValue(0.1, 0));
    }
}
