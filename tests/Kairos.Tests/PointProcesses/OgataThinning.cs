using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>
/// Test oracle (a sampler that shares nothing with the closed-form ones). Ogata's (1981) modified thinning: simulate a point process with conditional intensity λ(t | history) on
/// [0, T]. At the current time t take a bound M ≥ λ(s | history) valid for s ∈ [t, next event); propose
/// t ← t + Exp(M); accept with probability λ(t)/M. Rejections move t forward, so the bound is re-evaluated there,
/// which lets decaying intensities (Hawkes) use the current intensity as the bound.
/// </summary>
internal static class OgataThinning
{
    /// <summary>Conditional intensity λ(t | events so far), events/time unit, ≥ 0.</summary>
    public delegate double Intensity(double t, IReadOnlyList<double> history);

    /// <summary>Simulate with a constant bound M ≥ sup λ on [0, T].</summary>
    public static double[] Simulate(Intensity intensity, double bound, double horizon, Random rng)
    {
        Require.NonNegative(bound, nameof(bound));
        return Simulate(intensity, (_, _) => bound, horizon, rng);
    }

    /// <summary>Simulate with a bound M(t | history) that holds from t until the next event.</summary>
    /// <exception cref="InvalidOperationException">The intensity exceeded its bound, was NaN or negative, or more
    /// than <paramref name="maxProposals"/> proposals were needed.</exception>
    public static double[] Simulate(Intensity intensity, Intensity bound, double horizon, Random rng,
        long maxProposals = 100_000_000)
    {
        ArgumentNullException.ThrowIfNull(intensity);
        ArgumentNullException.ThrowIfNull(bound);
        ArgumentNullException.ThrowIfNull(rng);
        Require.NonNegative(horizon, nameof(horizon));
        var events = new List<double>();
        double t = 0;
        for (long proposals = 0; ; proposals++)
        {
            if (proposals == maxProposals)
                throw new InvalidOperationException($"Thinning stopped after {maxProposals} proposals at t = " +
                    $"{Require.Fmt(t)} of {Require.Fmt(horizon)}; the bound is too loose or the intensity explodes.");
            double m = bound(t, events);
            if (!(m >= 0) || double.IsPositiveInfinity(m))
                throw new InvalidOperationException($"The bound at t = {Require.Fmt(t)} is {Require.Fmt(m)}; it must be finite and >= 0.");
            if (m == 0) break;   // the bound holds until the next event, and none can occur
            t += ExponentialDraw.Next(rng) / m;
            if (t > horizon) break;
            double lambda = intensity(t, events);
            if (!(lambda >= 0) || lambda > m * (1 + 1e-12))
                throw new InvalidOperationException(
                    $"The intensity at t = {Require.Fmt(t)} is {Require.Fmt(lambda)}, outside [0, bound = {Require.Fmt(m)}].");
            if (rng.NextDouble() * m < lambda) events.Add(t);
        }
        return events.ToArray();
    }
}
