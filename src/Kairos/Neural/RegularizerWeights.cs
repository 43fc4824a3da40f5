using Kairos.Numerics;

namespace Kairos.Neural;

/// <summary>
/// TPPRL's regularizers (Proposition 2), as a penalty L subtracted from the reward:
/// L = q_l/2 ∫λ² dt + q_m ∫½‖p(t)‖² dt − q_e · (mean mark entropy at own actions).
/// q_l is the paper's intensity cost (g_λ = λ²/2); q_m the quadratic mark cost g_m = ½‖m‖² of Prop. 2; q_e the
/// entropy bonus the authors' code used instead (digest §2.2).
/// </summary>
public readonly record struct RegularizerWeights
{
    public RegularizerWeights(double qIntensity, double qMark = 0, double qEntropy = 0)
    {
        QIntensity = Require.NonNegative(qIntensity, nameof(qIntensity));
        QMark = Require.NonNegative(qMark, nameof(qMark));
        QEntropy = Require.NonNegative(qEntropy, nameof(qEntropy));
    }

    public double QIntensity { get; }
    public double QMark { get; }
    public double QEntropy { get; }

    public double Penalty(in EpisodeTerms t) =>
        QIntensity / 2 * t.SquaredIntensityIntegral + QMark * t.MarkSquareIntegral - QEntropy * t.MeanMarkEntropy;
}
