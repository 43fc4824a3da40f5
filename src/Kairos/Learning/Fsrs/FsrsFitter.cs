using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.Numerics;

namespace Kairos.Learning.Fsrs;

/// <summary>
/// Maximum-likelihood fit of the 21 FSRS-6 parameters to review logs: minimises <see cref="FsrsLogLoss"/> over the
/// scored reviews plus fsrs-rs's L2 pull toward the starting parameters, γ·Σ_j ((w_j − w⁰_j)/σ_j)² (training.rs
/// <c>l2_regularization</c>, summed over the batches of an epoch; σ = its <c>PARAMS_STDDEV</c>, γ = 1 there), inside
/// <see cref="FsrsParameters.Bounds"/> (fsrs-rs parameter_clipper). Full-batch projected L-BFGS in the scaled
/// coordinates w_j/σ_j, from w⁰ = the FSRS-6 defaults (fsrs-rs uses Adam on mini-batches from a pre-trained w0–w3).
/// </summary>
public sealed class FsrsFitter
{
    /// <summary>fsrs-rs training.rs PARAMS_STDDEV for FSRS-6.</summary>
    public static IReadOnlyList<double> ParameterScales { get; } =
    [
        6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25,
        1.03, 0.31, 0.32, 0.14, 0.27,
    ];

    public FsrsFitter(double l2 = 1, int maxIterations = 300)
    {
        L2 = Require.NonNegative(l2, nameof(l2));
        MaxIterations = Require.Positive(maxIterations, nameof(maxIterations));
    }

    /// <summary>γ of the L2 term (0 = pure maximum likelihood).</summary>
    public double L2 { get; }
    public int MaxIterations { get; }

    /// <summary>Fits on the reviews with <paramref name="scored"/>[i] (long-term ones); every review still updates the
    /// memory state. <paramref name="progress"/> gets the iteration count.</summary>
    public FsrsFit Fit(FsrsReviewSet data, ReadOnlySpan<bool> scored, FsrsParameters? start = null, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (scored.Length != data.Count) throw new ArgumentException($"scored has {CountText.Of(scored.Length, "entry", "entries")} for {CountText.Of(data.Count, "review")}.");
        var prior = (start ?? FsrsParameters.Default).Weights.ToArray();
        int n = FsrsParameters.Count, count = 0;
        foreach (bool b in scored) if (b) count++;
        var mask = scored.ToArray();
        var sigma = ParameterScales.ToArray();
        var lo = FsrsParameters.Bounds.Select((b, j) => b.Low / sigma[j]).ToArray();
        var hi = FsrsParameters.Bounds.Select((b, j) => b.High / sigma[j]).ToArray();
        var w = new double[n];
        double Objective(double[] x, Span<double> grad)
        {
            for (int j = 0; j < n; j++) w[j] = x[j] * sigma[j];
            double value = FsrsLogLoss.Evaluate(data, w, mask, grad);
            for (int j = 0; j < n; j++)
            {
                double z = (w[j] - prior[j]) / sigma[j];
                value += L2 * z * z;
                grad[j] = grad[j] * sigma[j] + 2 * L2 * z;   // chain rule through w = σx
            }
            return value;
        }
        var x0 = prior.Select((v, j) => v / sigma[j]).ToArray();
        var result = BoxLbfgs.Minimize(Objective, x0, lo, hi, MaxIterations,
            onIteration: (i, _) => progress?.Report(i, $"iteration {i}"));
        var fitted = FsrsParameters.Clipped(result.X.Select((v, j) => v * sigma[j]).ToArray());
        double loss = count == 0 ? double.NaN : FsrsLogLoss.Evaluate(data, fitted.AsSpan(), mask, []) / count;
        return new FsrsFit(fitted, loss, result.Value, result.Iterations, result.Converged, count);
    }
}

/// <summary>A fitted parameter set with its mean training log loss, the penalised objective, iterations taken,
/// whether the optimiser met its stopping rule, and the number of reviews scored.</summary>
public sealed record FsrsFit(FsrsParameters Parameters, double TrainLogLoss, double Objective, int Iterations, bool Converged, int Reviews);
