namespace Kairos.Environments.AdDelivery;

/// <summary>
/// The fixed defaults of the synthetic ad-delivery users (docs/ad-delivery.md lists them). Times in days. Per user:
/// activity a ~ LogNormal(0, <see cref="ActivitySpread"/>), responsiveness ρ ~ LogNormal(0, <see cref="ResponsivenessSpread"/>),
/// per-ad lift r_m = <see cref="AdLift"/>[m]·ρ·LogNormal(−σ²/2, σ = <see cref="AdLiftSpread"/>) (mean-one noise, so the
/// best ad differs by user), fatigue strength f ~ LogNormal(ln <see cref="FatigueMedian"/>, <see cref="FatigueSpread"/>),
/// conversion propensity π ~ LogNormal(0, <see cref="PropensitySpread"/>) and conversion value v ~
/// LogNormal(ln <see cref="ValueMedian"/>, <see cref="ValueSpread"/>).
/// </summary>
public sealed record AdDeliveryConfig
{
    public static AdDeliveryConfig Default { get; } = new();

    public double Horizon { get; init; } = 14;
    /// <summary>Cost of delivering ad m (utility units, same as conversion values).</summary>
    public IReadOnlyList<double> AdCost { get; init; } = [0.02, 0.05, 0.10];
    /// <summary>Extra conversion intensity (per day) right after ad m for the median user, before fatigue.</summary>
    public IReadOnlyList<double> AdLift { get; init; } = [0.04, 0.08, 0.14];
    public double AdLiftSpread { get; init; } = 0.8;
    public double ResponsivenessSpread { get; init; } = 0.5;
    /// <summary>τ: an ad's extra conversion intensity decays as exp(−Δt/τ).</summary>
    public double EffectDecay { get; init; } = 1.5;
    /// <summary>τ_f: fatigue φ jumps by 1 at each ad and decays as exp(−Δt/τ_f); an ad's lift is scaled by exp(−f φ).</summary>
    public double FatigueDecay { get; init; } = 4;
    public double FatigueMedian { get; init; } = 0.6;
    public double FatigueSpread { get; init; } = 0.5;
    /// <summary>Baseline (ad-free) conversion rate per day of the median user, times π.</summary>
    public double BaseConversionRate { get; init; } = 0.03;
    public double PropensitySpread { get; init; } = 0.6;
    public double ValueMedian { get; init; } = 1.0;
    public double ValueSpread { get; init; } = 0.3;
    /// <summary>Each conversion's value is v·LogNormal(−s²/2, s) with this s (mean v).</summary>
    public double ValueNoise { get; init; } = 0.2;
    public double ActivitySpread { get; init; } = 0.5;
    /// <summary>Burr XII gaps between opportunities: scale λ/a, shape c, tail k (tail exponent ck = 1.5: finite mean,
    /// infinite variance).</summary>
    public double OpportunityScale { get; init; } = 0.5;
    public double GapShape { get; init; } = 1.5;
    public double GapTail { get; init; } = 1.0;
    /// <summary>Burr XII gaps between visits: scale λ/(a·√π), same shape and tail.</summary>
    public double VisitScale { get; init; } = 1.5;
    /// <summary>Click probability after ad m: min(<see cref="ClickCap"/>, <see cref="ClickFloor"/> + <see cref="ClickPerLift"/>·r_m·exp(−fφ)).</summary>
    public double ClickFloor { get; init; } = 0.05;
    public double ClickPerLift { get; init; } = 2;
    public double ClickCap { get; init; } = 0.9;
    /// <summary>Mean delay of a click after its ad.</summary>
    public double ClickDelay { get; init; } = 0.01;

    public int AdCount => AdCost.Count;
}
