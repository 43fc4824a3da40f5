using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>Identities every family must satisfy, over the grid in <see cref="Families"/>.</summary>
public sealed class TimeDistributionPropertyTests
{
    private const double ClosedForm = 1e-13, WithQuadrature = 1e-9;

    public static TheoryData<string> Names() => Families.Names();

    private static void Close(double expected, double actual, double rel, string what, double abs = 0)
    {
        if (expected == actual) return;   // also ±∞
        double err = Math.Abs(actual - expected), scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(err <= rel * scale + abs, $"{what}: expected {expected:R}, got {actual:R} (rel. error {err / scale:E2})");
    }

    [Theory, MemberData(nameof(Names))]
    public void CumulativeHazard_AtManyTimes_MatchesQuadratureOfHazard(string name)
    {
        var d = Families.All[name];
        foreach (var t in Families.Times(d))
            Close(Families.IntegratedHazard(d, t), d.CumulativeHazard(t), WithQuadrature, $"{name} Λ({t:R})");
    }

    [Theory, MemberData(nameof(Names))]
    public void Cdf_AtManyTimes_MatchesQuadratureOfDensity(string name)
    {
        var d = Families.All[name];
        foreach (var t in Families.Times(d).Where(t => d.Cdf(t) > 1e-300 && d.Survival(t) > 1e-7))
        {
            // ∫₀^τ f by quadrature; Burr with c < 1 via the same substitution as the hazard.
            double integral = Families.IntegrateFromZero(d, x => Math.Exp(d.LogDensity(x)), t);
            Close(integral, d.Cdf(t), WithQuadrature, $"{name} F({t:R})");
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void Survival_Cdf_LogDensity_AreConsistentWithHazards(string name)
    {
        var d = Families.All[name];
        foreach (var t in Families.Times(d))
        {
            double lambda = d.CumulativeHazard(t);
            Close(Math.Exp(-lambda), d.Survival(t), ClosedForm, $"{name} S({t:R})");
            Close(-Fn.Expm1(-lambda), d.Cdf(t), ClosedForm, $"{name} F({t:R})");
            // log h is rounded after exp: allow its absolute rounding (1e-16·|log h|, or ~1e-16 when h ≈ 1).
            double logH = Math.Log(d.Hazard(t));
            Close(logH - lambda, d.LogDensity(t), ClosedForm, $"{name} log f({t:R})", 4e-16 * (Math.Abs(logH) + lambda + 1));
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void InverseCdf_RoundTrip_RecoversProbability(string name)
    {
        var d = Families.All[name];
        double reachable = -Fn.Expm1(-d.TotalCumulativeHazard);
        foreach (var p in new[] { 1e-12, 1e-6, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-9 })
        {
            double t = d.InverseCdf(p);
            if (p < reachable * (1 - 1e-9))
            {
                Close(p, d.Cdf(t), 1e-12, $"{name} F(F⁻¹({p:R}))");
                Close(-Fn.Log1p(-p), d.CumulativeHazard(d.InverseCumulativeHazard(-Fn.Log1p(-p))), 1e-12, $"{name} Λ(Λ⁻¹)");
            }
            else if (p > reachable * (1 + 1e-9))
                Assert.Equal(double.PositiveInfinity, t);
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void Hazard_CentralDifferenceOfCumulativeHazard_Matches(string name)
    {
        var d = Families.All[name];
        foreach (var t in Families.Times(d))
        {
            if (Families.Kinks(d).Any(k => Math.Abs(k - t) < 1e-3)) continue;
            // Steps stay well inside the kink-free 1e-3 neighbourhood.
            GradientCheck.AssertScalar(d.CumulativeHazard, t, d.Hazard(t), $"{name} dΛ/dτ({t:R})", 1e-5 * Math.Min(t, 1));
        }
    }

    [Theory, MemberData(nameof(Names))]
    public void Edges_NegativeZeroInfiniteTimes_FollowTheConventions(string name)
    {
        var d = Families.All[name];
        Assert.Equal(0, d.Hazard(-1));
        Assert.Equal(0, d.CumulativeHazard(-1));
        Assert.Equal(0, d.CumulativeHazard(0));
        Assert.Equal(1, d.Survival(-1));
        Assert.Equal(0, d.Cdf(0));
        Assert.Equal(double.NegativeInfinity, d.LogDensity(-1));
        Assert.Equal(double.NegativeInfinity, d.LogDensity(double.PositiveInfinity));
        Assert.Equal(d.TotalCumulativeHazard, d.CumulativeHazard(double.PositiveInfinity));
        Assert.Equal(Math.Exp(-d.TotalCumulativeHazard), d.Survival(double.PositiveInfinity));
        Assert.Equal(0, d.InverseCdf(0));
        Assert.Equal(double.PositiveInfinity, d.InverseCdf(1));
        Assert.Equal(0, d.InverseCumulativeHazard(0));
        Assert.Equal(double.PositiveInfinity, d.InverseCumulativeHazard(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>("tau", () => d.CumulativeHazard(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("tau", () => d.Hazard(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("tau", () => d.LogDensity(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("p", () => d.InverseCdf(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("p", () => d.InverseCdf(1.5));
        Assert.Throws<ArgumentOutOfRangeException>("p", () => d.InverseCdf(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>("cumulativeHazard", () => d.InverseCumulativeHazard(-1));
        Assert.Throws<ArgumentOutOfRangeException>("cumulativeHazard", () => d.InverseCumulativeHazard(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("survivedTo", () => d.SampleAfter(-1, new Random(1)));
    }
}
