using Kairos.Neural;
using Kairos.Neural.AdDelivery;
using Kairos.Numerics;
using Kairos.Policies.AdDelivery;

namespace Kairos.Learning.AdDelivery;

/// <summary>
/// Trains π_ξ by the score-function gradient of expected utility with a baseline (TPPRL Proposition 1; delivery.md
/// §4.4): each update simulates B users, user i from posterior member m_i (drawn uniformly; the MAP alone for the
/// plug-in policy) with the policy deciding on the MAP network's state, and ascends
/// ĝ = (1/B) Σ_i Σ_k (G_ik − b_ik) ∇_ξ log π_ξ(d_ik | h_ik), with G_ik the utility user i accrued from decision k on (its
/// cost included: a decision cannot change what came before it, so the earlier utility only adds variance) and b_ik
/// the leave-one-out mean of the other users' utility accrued from the same time on (independent of user i's
/// decisions, so the estimate stays unbiased). Adam; user i of update t uses random stream t·B + i of the seed, so the
/// result does not depend on the thread count. ξ starts at 0 (uniform over none and the ads).
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
        var trajectories = Enumerable.Range(0, b).Select(_ => new AdTrajectory()).ToArray();
        var utilities = new double[b];
        var gradient = new double[length];
        var curve = new List<double>();
        for (int t = 0; t < options.Iterations; t++)
        {
            Parallel.For(0, b, i =>
            {
                var rng = SeedSequence.Stream(seed, (long)t * b + i);
                var truth = sampleFrom[rng.Next(sampleFrom.Count)];
                utilities[i] = AdRollout.Run(truth, model.Map, model, xi, costs, rng, trajectories[i]).Utility;
            });
            Array.Clear(gradient);
            for (int i = 0; i < b; i++)
            {
                var user = trajectories[i];
                for (int k = 0; k < user.Decisions; k++)
                {
                    double time = user.DecisionTime(k), others = 0;
                    for (int j = 0; j < b; j++) if (j != i) others += trajectories[j].From(time);
                    double advantage = user.From(time) - others / (b - 1);
                    var score = user.Score(k);
                    for (int x = 0; x < length; x++) gradient[x] -= advantage * score[x] / b;   // Adam minimises −U
                }
            }
            if (!double.IsFinite(GlobalNorm.Norm(gradient)))
                throw new InvalidOperationException("the policy gradient is not finite; lower the learning rate.");
            adam.Step(xi, gradient, options.LearningRate);
            double mean = utilities.Average();
            curve.Add(mean);
            progress?.Report(t + 1, FormattableString.Invariant($"update {t + 1}: mean utility {mean:F3}"));
        }
        return new Result(new AdSoftmaxPolicy(model.PlugIn(), costs, xi, kind), curve);
    }
}
