using Kairos.Decisions;

namespace Kairos.Environments.AdDelivery;

/// <summary>A synthetic user's latent traits (see <see cref="AdDeliveryConfig"/>): activity, per-ad lift, fatigue
/// strength, conversion propensity (baseline rate) and conversion value.</summary>
public sealed record AdUserTraits(double Activity, IReadOnlyList<double> Lift, double Fatigue, double BaseRate, double Value,
    double Propensity)
{
    /// <summary>Draws the traits from <paramref name="random"/> (a fixed number of draws).</summary>
    public static AdUserTraits Draw(AdDeliveryConfig config, ref DecisionRandom random)
    {
        double activity = GaussianDraw.LogNormal(ref random, 0, config.ActivitySpread);
        double responsiveness = GaussianDraw.LogNormal(ref random, 0, config.ResponsivenessSpread);
        var lift = new double[config.AdCount];
        double s = config.AdLiftSpread;
        for (int m = 0; m < lift.Length; m++)
            lift[m] = config.AdLift[m] * responsiveness * GaussianDraw.LogNormal(ref random, -s * s / 2, s);
        double fatigue = GaussianDraw.LogNormal(ref random, Math.Log(config.FatigueMedian), config.FatigueSpread);
        double propensity = GaussianDraw.LogNormal(ref random, 0, config.PropensitySpread);
        double value = GaussianDraw.LogNormal(ref random, Math.Log(config.ValueMedian), config.ValueSpread);
        return new AdUserTraits(activity, lift, fatigue, config.BaseConversionRate * propensity, value, propensity);
    }
}
