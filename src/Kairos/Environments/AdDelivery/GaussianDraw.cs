using Kairos.Decisions;

namespace Kairos.Environments.AdDelivery;

/// <summary>Standard normal draws from a counter-based stream (Box–Muller, two uniforms per draw, the cosine branch only
/// so that a draw is a fixed function of its two counters).</summary>
internal static class GaussianDraw
{
    public static double Next(ref DecisionRandom random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>LogNormal with median e^μ and log-sd σ.</summary>
    public static double LogNormal(ref DecisionRandom random, double mu, double sigma) => Math.Exp(mu + sigma * Next(ref random));
}
