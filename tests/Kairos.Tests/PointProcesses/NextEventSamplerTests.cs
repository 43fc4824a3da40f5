using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>TPPRL Algorithm 2: one uniform per action, exact law of the piecewise intensity under random feedback.</summary>
public sealed class NextEventSamplerTests
{
    /// <summary>Counts every draw, whichever entry point the sampler uses.</summary>
    private sealed class CountingRandom(int seed) : Random(seed)
    {
        public long Calls { get; private set; }
        public override double NextDouble() { Calls++; return base.NextDouble(); }
        public override int Next() { Calls++; return base.Next(); }
        public override int Next(int maxValue) { Calls++; return base.Next(maxValue); }
        public override int Next(int minValue, int maxValue) { Calls++; return base.Next(minValue, maxValue); }
        public override long NextInt64() { Calls++; return base.NextInt64(); }
        public override void NextBytes(byte[] buffer) { Calls++; base.NextBytes(buffer); }
        public override void NextBytes(Span<byte> buffer) { Calls++; base.NextBytes(buffer); }
    }

    /// <summary>A random law for a piece: exponential-in-time (any sign of ω, so some pieces die out), Burr XII,
    /// piecewise constant with a zero tail, or Poisson. The last piece of an action never dies out.</summary>
    private static (ITimeDistribution Law, double C, double Omega) RandomLaw(Random env, bool mustReach)
    {
        double c = env.NextDouble() * 2 - 1.5, omega = env.NextDouble() * 2 - 1;
        if (mustReach) omega = Math.Abs(omega);
        return env.Next(4) switch
        {
            0 => (new ExponentialInTime(c, omega), c, omega),
            1 => (new BurrXII(0.5 + env.NextDouble(), 0.5 + env.NextDouble() * 2, 0.5 + env.NextDouble()), double.NaN, 0),
            2 when !mustReach => (new PiecewiseConstantTime([0, 0.3, 1], [env.NextDouble(), 2 * env.NextDouble(), 0]), double.NaN, 0),
            _ => (new PoissonTime(0.2 + env.NextDouble()), double.NaN, 0),
        };
    }

    /// <summary>Runs actions with feedback at rate 1.5 between them (at most 12 per action, after which the law must
    /// reach every level). Returns Λ_piecewise(action time) per action, computed forward from the pieces (independent
    /// of the sampler's inversion), and checks one uniform per action.</summary>
    private static double[] RescaledActionTimes(int actions, bool useExpOverload, int seed)
    {
        var rng = new CountingRandom(seed);
        var env = new Random(seed + 1);
        var sampler = new NextEventSampler();
        var residuals = new double[actions];
        double now = 0;
        for (int a = 0; a < actions; a++)
        {
            var (law, c, omega) = RandomLaw(env, mustReach: false);
            double pending = useExpOverload && law is ExponentialInTime
                ? sampler.StartAfterAction(now, c, omega, rng)
                : sampler.StartAfterAction(now, law, rng);
            double origin = now, lambda = 0;
            for (int k = 0; ; k++)
            {
                double feedback = origin + env.NextDouble() * 1.2;
                if (k == 12 || feedback >= pending) break;
                lambda += law.CumulativeHazard(feedback - origin);
                (law, c, omega) = RandomLaw(env, mustReach: k == 11);
                pending = useExpOverload && law is ExponentialInTime
                    ? sampler.OnFeedback(feedback, c, omega)
                    : sampler.OnFeedback(feedback, law);
                origin = feedback;
            }
            Assert.True(double.IsFinite(pending));
            Assert.Equal(pending, sampler.PendingTime);
            residuals[a] = lambda + law.CumulativeHazard(pending - origin);
            now = pending;
            Assert.Equal(a + 1, sampler.UniformsDrawn);
            Assert.Equal(a + 1, rng.Calls);   // exactly one uniform per action, none per feedback
        }
        return residuals;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ActionTimes_RandomFeedback_FollowPiecewiseLawAndRejectScaledLaw(bool useExpOverload)
    {
        var residuals = RescaledActionTimes(10_000, useExpOverload, seed: 42);
        var own = TimeRescaling.Test(residuals);
        Assert.True(own.PValue > 1e-3, $"KS D = {own.Statistic:R}, p = {own.PValue:R}");
        var wrong = KolmogorovSmirnov.Test(residuals, x => TimeRescaling.ExponentialCdf(x / 1.1));
        Assert.True(wrong.PValue < 1e-3, $"no power: p = {wrong.PValue:R}");
    }

    [Fact]
    public void OnFeedback_ExtinctNewPiece_ReturnsInfinityUntilNextFeedback()
    {
        var s = new NextEventSampler();
        var rng = new Random(3);
        double pending = s.StartAfterAction(0, new PoissonTime(1e-9), rng);   // practically never
        Assert.True(pending > 1e3);
        // A piece with total mass e^{−30}/0.1 cannot reach any practical target: no action until the next feedback.
        Assert.Equal(double.PositiveInfinity, s.OnFeedback(1, new ExponentialInTime(-30, -0.1)));
        Assert.Equal(double.PositiveInfinity, s.OnFeedback(2, -30, -0.1));
        double refined = s.OnFeedback(5, new PoissonTime(1e9));
        Assert.InRange(refined, 5, 5 + 1e-6);
        Assert.Equal(1, s.UniformsDrawn);
    }

    [Fact]
    public void OnFeedback_SameLawAgain_LeavesPendingTimeUnchanged()
    {
        // Memorylessness of the construction: re-announcing the same exp law (shifted origin) changes nothing.
        var s = new NextEventSampler();
        double pending = s.StartAfterAction(0, 0.2, -0.3, new Random(5));
        Assert.True(double.IsFinite(pending));
        double refined = s.OnFeedback(pending / 2, 0.2 - 0.3 * pending / 2, -0.3);
        Assert.Equal(pending, refined, 1e-12 * Math.Max(1, pending));
    }

    [Fact]
    public void OnFeedback_BadCalls_Throw()
    {
        var s = new NextEventSampler();
        Assert.Throws<InvalidOperationException>(() => s.OnFeedback(1, new PoissonTime(1)));
        double pending = s.StartAfterAction(10, new PoissonTime(1), new Random(1));
        Assert.Throws<ArgumentOutOfRangeException>("time", () => s.OnFeedback(9, new PoissonTime(1)));
        Assert.Throws<ArgumentOutOfRangeException>("time", () => s.OnFeedback(pending + 1, new PoissonTime(1)));
        Assert.Throws<ArgumentOutOfRangeException>("time", () => s.OnFeedback(double.NaN, new PoissonTime(1)));
        Assert.Throws<ArgumentOutOfRangeException>("time", () => s.StartAfterAction(double.NaN, new PoissonTime(1), new Random(1)));
    }
}
