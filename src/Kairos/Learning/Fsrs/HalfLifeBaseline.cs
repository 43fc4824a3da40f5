using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.Numerics;

namespace Kairos.Learning.Fsrs;

/// <summary>
/// Half-life regression as srs-benchmark's HLR baseline (Settles &amp; Meeder 2016): half-life h = 2^{θ·x} days with
/// x = (√(1 + correct), √(1 + wrong), 1) from the card's earlier reviews, recall p = 2^{−Δt/h}. Fitted here by
/// minimising the same binary cross-entropy as FSRS (p clipped to [1e-6, 1 − 1e-6]) with a small ridge
/// λ‖θ‖² (λ = 0.1), by L-BFGS with the analytic gradient ∂ln p/∂z = −ln p·ln 2 for z = θ·x.
/// </summary>
public sealed record HalfLifeBaseline(double Right, double Wrong, double Bias)
{
    public const double Ridge = 0.1;
    private const double Clip = 1e-6;

    public double Predict(FsrsReviewSet data, int i)
    {
        double z = Right * Math.Sqrt(1 + data.Correct[i]) + Wrong * Math.Sqrt(1 + data.Wrong[i]) + Bias;
        return Math.Pow(2, -data.Elapsed[i] / Math.Pow(2, z));
    }

    public List<RecallPrediction> Predict(FsrsReviewSet data, ReadOnlySpan<bool> which)
    {
        var list = new List<RecallPrediction>();
        for (int i = 0; i < data.Count; i++)
            if (which[i]) list.Add(new(Predict(data, i), data.Ratings[i] > FsrsRating.Again, data.Bin(i)));
        return list;
    }

    /// <summary>The loss (value) and its gradient at θ = (right, wrong, bias).</summary>
    public static double Loss(FsrsReviewSet data, bool[] scored, double[] theta, Span<double> grad)
    {
        grad.Clear();
        double loss = 0;
        var model = new HalfLifeBaseline(theta[0], theta[1], theta[2]);
        for (int i = 0; i < data.Count; i++)
        {
            if (!scored[i]) continue;
            double p = model.Predict(data, i), q = Math.Clamp(p, Clip, 1 - Clip);
            bool y = data.Ratings[i] > FsrsRating.Again;
            loss -= y ? Math.Log(q) : Math.Log(1 - q);
            if (q != p) continue;
            double dp = -p * Math.Log(p) * Math.Log(2);   // ∂p/∂z
            double dl = (y ? -1 / p : 1 / (1 - p)) * dp;
            grad[0] += dl * Math.Sqrt(1 + data.Correct[i]);
            grad[1] += dl * Math.Sqrt(1 + data.Wrong[i]);
            grad[2] += dl;
        }
        for (int j = 0; j < 3; j++) { loss += Ridge * theta[j] * theta[j]; grad[j] += 2 * Ridge * theta[j]; }
        return loss;
    }

    public static HalfLifeBaseline Fit(FsrsReviewSet data, ReadOnlySpan<bool> scored)
    {
        var mask = scored.ToArray();
        double[] lo = [-20, -20, -20], hi = [20, 20, 20];
        var r = BoxLbfgs.Minimize((x, g) => Loss(data, mask, x, g), [0, 0, 1], lo, hi);
        return new HalfLifeBaseline(r.X[0], r.X[1], r.X[2]);
    }
}
