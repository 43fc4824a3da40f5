using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>
/// <see cref="NextEventSampler.RestartAt"/>: giving up the pending action at R and drawing afresh gives the next
/// action's law conditioned on none before R under the same hazard λ(t) = e^{c + w t}:
/// P(T ≤ t | T > R) = 1 − exp(−(Λ(t) − Λ(R))), Λ(t) − Λ(R) = ∫_R^t λ. A restart that forgets the hazard's drift since
/// the piece's origin (a new piece at R with the old c) is rejected by the same test.
/// </summary>
public class NextEventSamplerRestartTests
{
    private const double C = 0.2, W = -0.3, R = 1.5;
    private const int N = 20_000;

    private static double ConditionalCdf(double t) =>
        t <= R ? 0 : -Fn.Expm1(-ExponentialInTimeKernel.CumulativeHazard(C + W * R, W, t - R));

    private static double[] Samples(bool forgetDrift)
    {
        var rng = new Random(7);
        var xs = new double[N];
        for (int i = 0; i < N; i++)
        {
            var sampler = new NextEventSampler();
            sampler.StartAfterAction(0, C, W, ExponentialDraw.Next(rng));
            xs[i] = forgetDrift ? sampler.StartAfterAction(R, C, W, ExponentialDraw.Next(rng)) : sampler.RestartAt(R, ExponentialDraw.Next(rng));
        }
        return xs;
    }

    private static double KolmogorovD(double[] xs)
    {
        var s = xs.OrderBy(x => x).ToArray();
        double d = 0;
        for (int i = 0; i < s.Length; i++)
        {
            double f = ConditionalCdf(double.IsPositiveInfinity(s[i]) ? double.MaxValue : s[i]);
            if (double.IsPositiveInfinity(s[i])) return Math.Max(d, Math.Abs(f - (double)i / s.Length));   // the atom at +∞ (w < 0)
            d = Math.Max(d, Math.Max(Math.Abs(f - (double)i / s.Length), Math.Abs((i + 1.0) / s.Length - f)));
        }
        return d;
    }

    [Fact]
    public void A_restart_follows_the_law_conditioned_on_no_action_before_it_and_a_drift_free_restart_is_rejected()
    {
        double critical = 1.95 / Math.Sqrt(N);   // KS at α = 1e-3
        var xs = Samples(forgetDrift: false);
        Assert.All(xs, x => Assert.True(x >= R));
        Assert.True(KolmogorovD(xs) < critical, $"D = {KolmogorovD(xs)} >= {critical}");
        Assert.True(KolmogorovD(Samples(forgetDrift: true)) > 5 * critical);
    }

    [Fact]
    public void A_restart_carries_the_hazard_on_so_feedback_after_it_refines_from_the_restart()
    {
        var sampler = new NextEventSampler();
        sampler.StartAfterAction(0, C, W, 0.01);   // pending long before R
        double t = sampler.RestartAt(R, 0.5);
        var (target, accumulated, origin, c, omega, pending) = sampler.ExponentialState;
        Assert.Equal((0.5, 0.0, R, C + W * R, W, t), (target, accumulated, origin, c, omega, pending));
        Assert.Equal(0.5, ExponentialInTimeKernel.CumulativeHazard(C + W * R, W, t - R), 12);   // ∫_R^t λ = the target
        Assert.Equal(2, sampler.UniformsDrawn);
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.RestartAt(R - 0.1, 0.5));
    }
}
