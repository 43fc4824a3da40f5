using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>Every family's <c>Sample</c> and <c>SampleAfter</c> against its own law: 10,000 draws, KS p-value &gt;
/// 1e-3 at a fixed seed, and the same test rejects the law with its time scale ×1.1 (power check). For laws that can
/// die out, the number of +∞ draws is checked against the binomial law and KS runs on the finite part against the
/// conditional law F(τ)/F(∞).</summary>
public sealed class SamplerTests
{
    private const int N = 10_000;
    private const double Alpha = 1e-3;

    public static TheoryData<string> Names() => Families.Names();

    [Theory, MemberData(nameof(Names))]
    public void Sample_TenThousandDraws_PassesKsAndRejectsScaledLaw(string name)
    {
        var d = Families.All[name];
        var rng = new Random(20261123);
        CheckAgainst(d, Draw(() => d.Sample(rng)), survivedTo: 0);
    }

    [Theory, MemberData(nameof(Names))]
    public void SampleAfter_TenThousandDraws_FollowsConditionalLaw(string name)
    {
        var d = Families.All[name];
        double s = d.InverseCdf(0.4 * (-Fn.Expm1(-d.TotalCumulativeHazard)));   // a time it survives with mass left
        var rng = new Random(7);
        var draws = Draw(() => d.SampleAfter(s, rng));
        Assert.All(draws, x => Assert.True(x >= s, $"draw {x:R} before survivedTo {s:R}"));
        CheckAgainst(d, draws, s);
    }

    /// <summary>Draws until N are finite (at most 100·N in all), so laws that mostly die out still get N finite
    /// draws for the KS test and its power check.</summary>
    private static double[] Draw(Func<double> sample)
    {
        var draws = new List<double>();
        int finite = 0;
        while (finite < N && draws.Count < 100 * N)
        {
            double x = sample();
            draws.Add(x);
            if (double.IsFinite(x)) finite++;
        }
        return draws.ToArray();
    }

    /// <summary>KS on the finite draws against the law conditioned on τ &gt; s (and on a finite event), with the
    /// binomial check of the +∞ count, and the power check against time scale ×1.1.</summary>
    private static void CheckAgainst(TimeDistribution d, double[] draws, double survivedTo)
    {
        double ls = d.CumulativeHazard(survivedTo);
        double remaining = d.TotalCumulativeHazard - ls;                  // Λ(∞) − Λ(s)
        double pFinite = -Fn.Expm1(-remaining);
        var finite = draws.Where(double.IsFinite).ToArray();
        int infinite = draws.Length - finite.Length;
        Assert.True(draws.All(x => !double.IsNaN(x) && x >= 0));
        if (pFinite < 1)
        {
            int n = draws.Length;
            double mean = n * (1 - pFinite), sd = Math.Sqrt(n * pFinite * (1 - pFinite));
            Assert.True(Math.Abs(infinite - mean) <= 4 * sd + 1,
                $"{infinite} infinite draws, expected {mean:F1} ± {sd:F1}");
        }
        else Assert.Equal(0, infinite);
        Assert.True(finite.Length >= N, $"only {finite.Length} finite draws");
        // Conditional CDF (F(τ) − F(s))/(S(s)·P(finite)) = −expm1(−(Λ(τ) − Λ(s)))/P(finite).
        double Cdf(double scale, double x) =>
            x <= survivedTo ? 0 : -Fn.Expm1(-(d.CumulativeHazard(survivedTo + (x - survivedTo) / scale) - ls)) / pFinite;
        var own = KolmogorovSmirnov.Test(finite, x => Cdf(1, x));
        Assert.True(own.PValue > Alpha, $"{d}: KS D = {own.Statistic:R}, p = {own.PValue:R} against its own law");
        var wrong = KolmogorovSmirnov.Test(finite, x => Cdf(1.1, x));
        Assert.True(wrong.PValue < Alpha, $"{d}: KS p = {wrong.PValue:R} does not reject time scale ×1.1 (no power)");
    }
}
