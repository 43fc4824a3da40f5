namespace Kairos.PointProcesses;

/// <summary>
/// The law of the waiting time τ ≥ 0 until the next event, described by its hazard h(τ) and cumulative hazard
/// Λ(τ) = ∫₀^τ h. Everything else follows from Λ: S = e^{−Λ}, F = −expm1(−Λ), log f = log h − Λ,
/// F⁻¹(p) = Λ⁻¹(−log1p(−p)). A family that can die out has finite Λ(∞): <see cref="InverseCdf"/> returns +∞ above
/// its reachable mass and <see cref="Sample"/> returns +∞ for "no further event".
/// For τ &lt; 0, h = Λ = 0 and log f = −∞.
/// </summary>
public interface ITimeDistribution
{
    double Hazard(double tau);
    double CumulativeHazard(double tau);
    /// <summary>The smallest τ with Λ(τ) = <paramref name="cumulativeHazard"/>; +∞ if Λ never reaches it.</summary>
    double InverseCumulativeHazard(double cumulativeHazard);
    double Survival(double tau);
    double Cdf(double tau);
    double InverseCdf(double p);
    double LogDensity(double tau);
    /// <summary>A draw Λ⁻¹(E), E ~ Exp(1); +∞ when the process dies out first.</summary>
    double Sample(Random rng);
    /// <summary>A draw conditioned on no event before <paramref name="survivedTo"/>: Λ⁻¹(Λ(s) + E).</summary>
    double SampleAfter(double survivedTo, Random rng);
}
