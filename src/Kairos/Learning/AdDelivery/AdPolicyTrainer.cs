using Kairos.Neural;
using Kairos.Neural.AdDelivery;
using Kairos.Numerics;
using Kairos.Policies.AdDelivery;

namespace Kairos.Learning.AdDelivery;

/// <summary>
/// Trains π_ξ by the score-function gradient of expected utility with a baseline (TPPRL Proposition 1; delivery.md
/// §4.4): each update simulates B users, user i from posterior member m_i (drawn uniformly; the MAP alone for the
/// plug-in policy) with the policy deciding on the MAP network's state, and ascends
/// ĝ = (1/B) Σ_i (S_i − b_i) Σ_k ∇_ξ log π_ξ(d_ik | h_ik), with b_i the leave-one-out mean of the other users'
/// utilities (unbiased). Adam; user i of update t uses random stream t·B + i of the seed, so the result does not
/// depend on the thread count. ξ starts at 0 (uniform over none and the ads).
/// </summary>
public static class AdPolicyTrainer
{
    public sealed record Result(AdSoftmaxPolicy Policy, IReadOnlyList<double> MeanUtility);

    public static Result Train(AdModel model, string kind, AdPolicyTrainOptions options, int seed, IProgressSink? progress = null)
    {
        options.Validate();
        var sampleFrom = kind == AdSoftmaxPolicy.PlugInKind ? [model.Map] : model.Posterior;
        var costs = options.CostsFor(model.Layout.Ads);
        int length = AdSoftmaxPolicy.Length(model.Layout), b = options.Batch;
        var xi = new double[length];
        var adam = new Adam(length);
        var scores = new double[b][];
        for (int i = 0; i < b; i++) scores[i] = new double[length];
        var utilities = new double[b];
        var gradient = new double[length];
        var curve = new List<double>();
        for (int t = 0; t < options.Iterations; t++)
        {
            Parallel.For(0, b, i =>
            {
                var rng = SeedSequence.Stream(seed, (long)t * b + i);
                var truth = sampleFrom[rng.Next(sampleFrom.Count)];
                Array.Clear(scores[i]);
                utilities[i] = AdRollout.Run(truth, model.Map, model, xi, costs, rng, scores[i]).Utility;
            });
            double sum = utilities.Sum();
            Array.Clear(gradient);
            for (int i = 0; i < b; i++)
            {
                double advantage = utilities[i] - (sum - utilities[i]) / (b - 1);
                for (int j = 0; j < length; j++) gradient[j] -= advantage * scores[i][j] / b;   // Adam minimises −U
            }
            if (!double.IsFinite(GlobalNorm.Norm(gradient)))
                throw new InvalidOperationException("the policy gradient is not finite; lower the learning rate.");
            adam.Step(xi, gradient, options.LearningRate);
            curve.Add(sum / b);
            progress?.Report(t + 1, FormattableString.Invariant($"update {t + 1}: mean utility {sum / b:F3}"));
        }
        return new Result(new AdSoftmaxPolicy(model.PlugIn(), costs, xi, kind), curve);
    }
}
