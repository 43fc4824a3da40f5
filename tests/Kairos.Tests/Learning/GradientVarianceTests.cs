using Kairos.Environments.Toy;
using Kairos.Learning;
using Kairos.Neural;
using Kairos.Policies;
using Kairos.Simulation;
using Xunit.Abstractions;

namespace Kairos.Tests.Learning;

public class GradientVarianceTests(ITestOutputHelper output)
{
    /// <summary>Σ_j Var(ĝ_j) over repeated batches at fixed θ.</summary>
    private static double TotalVariance(IEnvironment env, NeuralTppPolicy policy, BaselineKind baseline, int batches, int batchSize)
    {
        var trainer = new PolicyGradientTrainer(env, new TrainerOptions
        { BatchSize = batchSize, Regularizers = new RegularizerWeights(0.5), Baseline = baseline });
        int p = policy.Layout.Length;
        var sum = new double[p];
        var sumSq = new double[p];
        var g = new double[p];
        for (int i = 0; i < batches; i++)
        {
            trainer.EstimateGradient(policy, 500 + i, g);
            for (int j = 0; j < p; j++) { sum[j] += g[j]; sumSq[j] += g[j] * g[j]; }
        }
        double total = 0;
        for (int j = 0; j < p; j++) total += (sumSq[j] - sum[j] * sum[j] / batches) / (batches - 1);
        return total;
    }

    // The leave-one-out causal baseline wins only when the intensity penalty dominates the gradient. Measured (this
    // test's output): at the authors' initialisation total variance 1.96e8 (batch mean) vs 1.25e8 (leave-one-out
    // causal), 1.6× lower. At a moderate policy (λ ≈ 0.5) it is 20.5 vs 24.7: there the unbiased leave-one-out mean
    // costs its (B/(B−1))² = 1.14 factor and the causal split gains little, so it is higher.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LeaveOneOutCausal_LowersGradientVarianceOnlyWhereThePenaltyDominates(bool moderate)
    {
        var env = new SwitchingEnvironment(10);
        var init = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(3), hidden: 4);
        var theta = init.Parameters.ToArray();
        if (moderate)
        {
            theta[init.Layout.B] = Math.Log(0.5);
            theta[init.Layout.W] = -0.1;
            for (int i = 0; i < init.Layout.Hidden; i++) theta[init.Layout.V + i] *= 0.3;
        }
        var policy = new NeuralTppPolicy(init.Layout, theta);
        double batchMean = TotalVariance(env, policy, BaselineKind.BatchMean, 60, 16);
        double causal = TotalVariance(env, policy, BaselineKind.LeaveOneOutCausal, 60, 16);
        output.WriteLine($"moderate={moderate}: total gradient variance: batch mean {batchMean}, leave-one-out causal {causal}");
        if (moderate) Assert.InRange(causal / batchMean, 1.0, 1.5);   // loses, by about the (B/(B−1))² factor
        else Assert.True(causal < 0.8 * batchMean, $"causal {causal} vs batch mean {batchMean}");
    }
}
