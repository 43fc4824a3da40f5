using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>Algorithm 2 on the exponential-in-time piece, as the TPPRL policy runs it (target drawn by the caller).</summary>
public class NextEventSamplerExponentialTests
{
    // λ(t) = e^{c1 + w t} on [0, s), e^{c2 + w (t − s)} after a feedback at s (TPPRL appendix C, Eq. 12).
    private const double C1 = 0.2, C2 = -0.4, W = -0.3, S = 0.8;

    private static double Cdf(double t, double c1, double c2, double w, double s)
    {
        double mass = t <= s ? ExponentialInTimeKernel.CumulativeHazard(c1, w, t)
            : ExponentialInTimeKernel.CumulativeHazard(c1, w, s) + ExponentialInTimeKernel.CumulativeHazard(c2, w, t - s);
        return -Fn.Expm1(-mass);
    }

    private static double[] Samples(int n, int seed)
    {
        var rng = new Random(seed);
        var xs = new double[n];
        for (int i = 0; i < n; i++)
        {
            var sampler = new NextEventSampler();
            double t = sampler.StartAfterAction(0, C1, W, ExponentialDraw.Next(rng));
            if (t > S) t = sampler.OnFeedback(S, C2, W);
            xs[i] = t;
        }
        return xs;
    }

    private static double KolmogorovD(double[] xs, Func<double, double> cdf)
    {
        var s = xs.OrderBy(x => x).ToArray();
        double d = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (double.IsPositiveInfinity(s[i]))   // the atom at +∞: compare the mass below it, then stop
            {
                d = Math.Max(d, Math.Abs(cdf(double.MaxValue) - (double)i / s.Length));
                break;
            }
            double f = cdf(s[i]);
            d = Math.Max(d, Math.Max(Math.Abs(f - (double)i / s.Length), Math.Abs((i + 1.0) / s.Length - f)));
        }
        return d;
    }

    [Fact]
    public void NextTime_WithRefinementAtFeedback_FollowsThePiecewiseLaw()
    {
        // Given 20,000 draws; KS critical value at α = 1e-3 is 1.95/√n.
        const int n = 20_000;
        double critical = 1.95 / Math.Sqrt(n);
        var xs = Samples(n, 3);
        // The law has an atom at +∞ (w < 0): the CDF's limit is below 1 and ∞ samples sort last.
        double d = KolmogorovD(xs, t => Cdf(t, C1, C2, W, S));
        Assert.True(d < critical, $"D = {d} >= {critical}");
        Assert.Contains(xs, double.IsPositiveInfinity);
        // Power: the same samples reject the law without the refinement (c stays c1) and a 10% different scale.
        Assert.True(KolmogorovD(xs, t => Cdf(t, C1, C1, W, S)) > critical);
        Assert.True(KolmogorovD(xs, t => Cdf(t, C1 + Math.Log(1.1), C2 + Math.Log(1.1), W, S)) > critical);
    }

    [Fact]
    public void Refine_KeepsTheUniform_AndDrawsOncePerRestart()
    {
        var rng = new Random(1);
        var sampler = new NextEventSampler();
        sampler.StartAfterAction(0, 0, -1, ExponentialDraw.Next(rng));
        double target = sampler.ExponentialState.Target;
        for (int i = 1; i <= 10 && 0.01 * i <= sampler.PendingTime; i++) sampler.OnFeedback(0.01 * i, 0.1 * i, -1);
        Assert.Equal(1, sampler.UniformsDrawn);
        Assert.Equal(target, sampler.ExponentialState.Target);
    }

    [Fact]
    public void NextTime_Extinct_BecomesFiniteAfterARefinementThatRaisesTheIntensity()
    {
        // w = −5 and c = −3: total mass e^{−3}/5 ≈ 0.01, so almost every target E ~ Exp(1) is unreachable (appendix C).
        var rng = new Random(2);
        var sampler = new NextEventSampler();
        Assert.Equal(double.PositiveInfinity, sampler.StartAfterAction(0, -3, -5, ExponentialDraw.Next(rng)));
        double t = sampler.OnFeedback(1.0, 4.0, -5);   // a feedback at t = 1 raises c to 4: mass e^4/5 ≈ 11 is now available
        Assert.True(t > 1 && double.IsFinite(t), $"t = {t}");
        Assert.Equal(1, sampler.UniformsDrawn);
    }
}
