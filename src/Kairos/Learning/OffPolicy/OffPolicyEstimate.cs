namespace Kairos.Learning.OffPolicy;

/// <summary>An off-policy estimate of a policy's mean utility per user with its 95% interval, the effective sample size
/// (Σw)²/Σw² of the whole-trajectory weights. The interval is the studentized bootstrap over
/// users (<see cref="StudentizedBootstrap"/>) when <see cref="Bootstrap"/> is set, else the normal one
/// (Value ± 1.96·StandardError).</summary>
public sealed record OffPolicyEstimate(string Method, double Value, double StandardError, double EffectiveSampleSize)
{
    public const double Z95 = 1.959963984540054;

    /// <summary>Below this effective sample size the estimate rests on a few users' importance weights, and neither
    /// its value nor its interval is to be trusted (in the coverage studies of docs/ad-delivery.md the intervals fall
    /// short of 90% coverage when the ESS is of order one).</summary>
    public const double TrustedEffectiveSampleSize = 30;

    public bool Trusted => EffectiveSampleSize >= TrustedEffectiveSampleSize;

    /// <summary>Why the estimate of <paramref name="policy"/> is not to be trusted, or null.</summary>
    public string? TrustWarning(string policy) => Trusted ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{policy}: effective sample size {EffectiveSampleSize:G3} < {TrustedEffectiveSampleSize}: the off-policy estimates rest on a few users' importance weights (the policy is far from the logging policy); they and their intervals are not to be trusted.");

    /// <summary>The studentized-bootstrap 95% interval, when computed.</summary>
    public (double Lower, double Upper)? Bootstrap { get; init; }

    public double Lower => Bootstrap?.Lower ?? NormalLower;
    public double Upper => Bootstrap?.Upper ?? NormalUpper;
    public double NormalLower => Value - Z95 * StandardError;
    public double NormalUpper => Value + Z95 * StandardError;
    public string IntervalKind => Bootstrap is null ? "normal" : "studentized-bootstrap";
    public bool Covers(double truth) => truth >= Lower && truth <= Upper;

    /// <summary>The same estimate with the normal interval.</summary>
    public OffPolicyEstimate WithNormalInterval() => this with { Bootstrap = null };

    /// <summary>Estimate and interval moved by <paramref name="delta"/> (a deliberately biased estimator, for tests of checks).</summary>
    public OffPolicyEstimate Shifted(double delta) =>
        this with { Value = Value + delta, Bootstrap = Bootstrap is { } b ? (b.Lower + delta, b.Upper + delta) : null };
}
