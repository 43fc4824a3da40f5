using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

public sealed class HawkesSimulatorTests
{
    private const double Level = 1e-3;

    // Time-rescaling theorem (Brown et al. 2002): residuals Λ(t_{k−1}, t_k] are i.i.d. Exp(1) under the true model.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Thinning_Univariate_ResidualsAreExp1AndWrongParametersAreRejected(bool branching)
    {
        var truth = HawkesExpKernel.Univariate(0.5, 0.6, 1.5);
        var rng = new Random(2024);
        var data = branching ? HawkesSimulator.Branching(truth, 4000, rng) : HawkesSimulator.Thinning(truth, 4000, rng);
        Assert.InRange(data.Count, 4000, 6000);   // E N ≈ μT/(1 − α) = 5000
        var times = data.Times.ToArray();
        double p = TimeRescaling.Test(new HawkesProcess(truth).Compensators(times, 4000)).PValue;
        Assert.True(p > Level, $"true model rejected: p = {p}");
        // Power: a nearby wrong kernel (α 0.6 → 0.45 with μ raised to keep the mean rate 1.25) must be rejected.
        double pWrong = TimeRescaling.Test(new HawkesProcess(0.6875, 0.45, 1.5).Compensators(times, 4000)).PValue;
        Assert.True(pWrong < Level, $"wrong model not rejected: p = {pWrong}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Simulate_MatrixDecayKernel_ResidualsOfEveryDimensionAreExp1(bool branching)
    {
        var truth = HawkesFixtures.MatrixKernel();
        var rng = new Random(77);
        var data = branching ? HawkesSimulator.Branching(truth, 3000, rng) : HawkesSimulator.Thinning(truth, 3000, rng);
        var residuals = HawkesCompensator.Residuals(truth, data);
        for (int i = 0; i < 2; i++)
        {
            Assert.True(residuals[i].Length > 1000, $"dimension {i} has {residuals[i].Length} events");
            double p = TimeRescaling.Test(residuals[i]).PValue;
            Assert.True(p > Level, $"dimension {i}: p = {p}");
        }
        // Power: cross-excitation α_01 0.2 → 0.1 (dimension 0's mean rate −15%) must be rejected.
        var wrong = new HawkesExpKernel(new[] { 0.4, 0.7 }, new[,] { { 0.3, 0.1 }, { 0.25, 0.35 } }, new[,] { { 1.5, 0.8 }, { 2.5, 1.1 } });
        double pWrong = TimeRescaling.Test(HawkesCompensator.Residuals(wrong, data)[0]).PValue;
        Assert.True(pWrong < Level, $"wrong model not rejected: p = {pWrong}");
    }

    // E N(T) for a 1-D process started empty: m(t) = μ/(1−α)·(1 − α e^{−β(1−α)t}) solves m' = βμ − β(1−α)m,
    // so E N(T) = μT/(1−α) − μα(1 − e^{−β(1−α)T}) / (β(1−α)²).
    [Fact]
    public void ThinningAndBranching_ManyReplications_HaveTheSameLawAndTheTheoreticalMean()
    {
        double mu = 0.8, alpha = 0.5, beta = 2, T = 10;
        var kernel = HawkesExpKernel.Univariate(mu, alpha, beta);
        const int reps = 3000;
        double expectedMean = mu * T / (1 - alpha) - mu * alpha * -Kairos.Numerics.Fn.Expm1(-beta * (1 - alpha) * T) / (beta * Math.Pow(1 - alpha, 2));
        var thin = Enumerable.Range(0, reps).Select(r => HawkesSimulator.Thinning(kernel, T, Kairos.Numerics.SeedSequence.Stream(1, r))).ToArray();
        var branch = Enumerable.Range(0, reps).Select(r => HawkesSimulator.Branching(kernel, T, Kairos.Numerics.SeedSequence.Stream(2, r))).ToArray();
        foreach (var sample in new[] { thin, branch })
        {
            var counts = sample.Select(d => (double)d.Count).ToArray();
            double mean = counts.Average(), sd = Math.Sqrt(counts.Select(c => (c - mean) * (c - mean)).Sum() / (reps - 1));
            Assert.True(Math.Abs(mean - expectedMean) < 4 * sd / Math.Sqrt(reps), $"mean count {mean} vs {expectedMean}");
        }
        var thinTimes = thin.SelectMany(d => d.Times.ToArray()).ToArray();
        var branchTimes = branch.SelectMany(d => d.Times.ToArray()).ToArray();
        Assert.True(TwoSampleKs.Test(thinTimes, branchTimes).PValue > Level);
        var thinGaps = thin.Where(d => d.Count >= 2).Select(d => d.Times[1] - d.Times[0]);
        var branchGaps = branch.Where(d => d.Count >= 2).Select(d => d.Times[1] - d.Times[0]);
        Assert.True(TwoSampleKs.Test(thinGaps, branchGaps).PValue > Level);
        // Power: the same comparison rejects a branching sampler with a different decay.
        var slower = HawkesExpKernel.Univariate(mu, alpha, beta / 4);
        var wrongGaps = Enumerable.Range(0, reps).Select(r => HawkesSimulator.Branching(slower, T, Kairos.Numerics.SeedSequence.Stream(3, r)))
            .Where(d => d.Count >= 2).Select(d => d.Times[1] - d.Times[0]);
        Assert.True(TwoSampleKs.Test(thinGaps, wrongGaps).PValue < Level);
    }

    [Fact]
    public void Simulate_SameSeed_GivesIdenticalRealization()
    {
        var p = new HawkesProcess(HawkesFixtures.SharedKernel());
        var a = p.Simulate(200, new Random(5));
        var b = p.Simulate(200, new Random(5));
        Assert.Equal(a.Times.ToArray(), b.Times.ToArray());
        Assert.Equal(a.Marks.ToArray(), b.Marks.ToArray());
    }

    [Fact]
    public void Simulate_ExplosiveKernel_ThrowsNamingTheSpectralRadius()
    {
        var explosive = HawkesExpKernel.Univariate(1, 1.5, 1);
        var e = Assert.Throws<InvalidOperationException>(() => HawkesSimulator.Thinning(explosive, 1000, new Random(1), maxEvents: 1000));
        Assert.Contains("spectral radius of alpha = 1.5", e.Message);
    }
}
