namespace Kairos.Learning.OffPolicy;

/// <summary>An off-policy estimate of a policy's mean utility per user, with a normal 95% interval
/// (Value ± 1.96·StandardError) and the effective sample size (Σw)²/Σw² of the whole-trajectory weights.</summary>
public sealed record OffPolicyEstimate(string Method, double Value, double StandardError, double EffectiveSampleSize)
{
    public const double Z95 = 1.959963984540054;
    public double Lower => Value - Z95 * StandardError;
    public double Upper => Value + Z95 * StandardError;
    public bool Covers(double truth) => truth >= Lower && truth <= Upper;
}
