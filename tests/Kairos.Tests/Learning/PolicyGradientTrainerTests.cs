using Kairos.Environments.Toy;
using Kairos.Learning;
using Kairos.Neural;
using Kairos.Policies;
using Xunit.Abstractions;

namespace Kairos.Tests.Learning;

public class PolicyGradientTrainerTests(ITestOutputHelper output)
{
    /// <summary>A policy with λ ≡ e^b (all other parameters 0).</summary>
    private static NeuralTppPolicy Constant(CountingEnvironment env, double rate)
    {
        var layout = NeuralTppPolicy.LayoutFor(env.Spec.Context, 3, null);
        var theta = new double[layout.Length];
        theta[layout.B] = Math.Log(rate);
        return new NeuralTppPolicy(layout, theta);
    }

    [Theory]
    [InlineData(BaselineKind.BatchMean)]
    [InlineData(BaselineKind.LeaveOneOutCausal)]
    public void EstimateGradient_ConstantIntensity_IsUnbiasedForTheBias(BaselineKind baseline)
    {
        // Given λ ≡ 1.5, reward N(T), q = 0.5, T = 10: J(b) = T(e^b − q e^{2b}/2), so ∂J/∂b = T(λ − qλ²) = 3.75.
        // The batch-mean baseline shrinks the score term by (1 − 1/B) (the authors' estimator): expected
        // T(λ(1 − 1/B) − qλ²) + … ; we check the unbiased estimator exactly and the batch-mean one with its factor.
        var env = new CountingEnvironment(10);
        var policy = Constant(env, 1.5);
        const int b = 16, batches = 300;
        var trainer = new PolicyGradientTrainer(env, new TrainerOptions
        { BatchSize = b, Regularizers = new RegularizerWeights(0.5), Baseline = baseline });
        var g = new double[policy.Layout.Length];
        var samples = new double[batches];
        for (int i = 0; i < batches; i++)
        {
            trainer.EstimateGradient(policy, 1000 + i, g);
            samples[i] = g[policy.Layout.B];
        }
        double mean = samples.Average(), se = Math.Sqrt(samples.Select(x => (x - mean) * (x - mean)).Sum() / (batches - 1) / batches);
        // Score term E[O s] = ∂J/∂b + E[∇L] where E[∇_b L] = q T λ² = 11.25: batch mean scales only that term.
        double exact = 10 * (1.5 - 0.5 * 1.5 * 1.5);
        double expected = baseline == BaselineKind.BatchMean ? (exact + 11.25) * (1 - 1.0 / b) - 11.25 : exact;
        output.WriteLine($"{baseline}: mean {mean} ± {se}, expected {expected}");
        Assert.InRange(mean, expected - 4 * se, expected + 4 * se);
    }
}
