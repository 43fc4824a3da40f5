namespace Kairos.Environments.AdDelivery;

/// <summary>
/// The deterministic part of a user's response to ads, shared by the simulator and the oracle: fatigue φ and the
/// ads' extra conversion intensity A, both sums of exponentially decaying terms, kept as their values at
/// <see cref="Time"/>. The conversion intensity at t ≥ Time is β + A·exp(−(t − Time)/τ).
/// </summary>
public readonly record struct AdResponse(double Time, double Fatigue, double Excitation)
{
    public AdResponse At(double t, AdDeliveryConfig config) => t == Time ? this
        : new(t, Fatigue * Math.Exp(-(t - Time) / config.FatigueDecay), Excitation * Math.Exp(-(t - Time) / config.EffectDecay));

    /// <summary>exp(−f φ): how much of an ad's lift is left under the current fatigue.</summary>
    public double LiftFactor(AdUserTraits traits) => Math.Exp(-traits.Fatigue * Fatigue);

    /// <summary>The state right after ad <paramref name="ad"/> at <see cref="Time"/>.</summary>
    public AdResponse AfterAd(int ad, AdUserTraits traits) =>
        new(Time, Fatigue + 1, Excitation + traits.Lift[ad] * LiftFactor(traits));

    /// <summary>Expected number of ad-induced conversions in [Time, end] from the current excitation: A·τ·(1 − e^{−(end − Time)/τ}).</summary>
    public double ExpectedConversions(double end, AdDeliveryConfig config) =>
        Excitation * config.EffectDecay * -Kairos.Numerics.Fn.Expm1(-(end - Time) / config.EffectDecay);

    /// <summary>Expected utility of delivering ad <paramref name="ad"/> now, if no other ad followed: value of the
    /// conversions it adds before <paramref name="end"/> minus its cost.</summary>
    public double ImmediateGain(int ad, double end, AdUserTraits traits, AdDeliveryConfig config) =>
        traits.Value * traits.Lift[ad] * LiftFactor(traits) * config.EffectDecay * -Kairos.Numerics.Fn.Expm1(-(end - Time) / config.EffectDecay)
        - config.AdCost[ad];
}
