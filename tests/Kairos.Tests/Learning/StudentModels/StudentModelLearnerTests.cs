using Kairos.Data.Duolingo;
using Kairos.Environments.SpacedRepetition;
using Kairos.Learning.StudentModels;
using Kairos.Models.SpacedRepetition;

namespace Kairos.Tests.Learning.StudentModels;

public sealed class StudentModelLearnerTests
{
    [Theory]
    [InlineData(0.15, 0.10)]
    [InlineData(0.049, 0.0052)]   // the TPPRL study's values
    public void Fit_SyntheticLog_RecoversAlphaBetaAndInitialRates(double alpha, double beta)
    {
        // Given a Duolingo-format log simulated from known parameters (20 items, 32,000 sessions)
        var rates = Enumerable.Range(0, 20).Select(i => 0.2 + 0.1 * i).ToArray();
        var truth = new StudentModel(alpha, beta, rates);
        var set = new StudentObservationSet();
        foreach (var r in DuolingoSyntheticLog.Generate(truth, 400, 10, 8, new Random(17))) set.Add(r);
        // When the student model is fitted by maximum likelihood
        var fit = new StudentModelLearner().Fit(set);
        // Then α, β and every n_i(0) are recovered
        Assert.True(fit.Converged);
        Assert.InRange(fit.Alpha, alpha - 0.01, alpha + 0.01);
        Assert.InRange(fit.Beta, beta - 0.012, beta + 0.012);
        for (int i = 0; i < 20; i++)
            Assert.InRange(fit.InitialRate($"lex{i:D4}") / rates[i], 0.85, 1.15);
    }

    [Fact]
    public void Fit_WrongLawComparison_TrueParametersScoreHigherThanPerturbed()
    {
        // The fitted likelihood must beat a nearby wrong law (α ×2) on held-out data from the truth.
        var rates = Enumerable.Range(0, 10).Select(i => 0.3 + 0.2 * i).ToArray();
        var truth = new StudentModel(0.1, 0.05, rates);
        var train = new StudentObservationSet();
        var test = new StudentObservationSet();
        foreach (var r in DuolingoSyntheticLog.Generate(truth, 300, 5, 6, new Random(5))) train.Add(r);
        foreach (var r in DuolingoSyntheticLog.Generate(truth, 300, 5, 6, new Random(6))) test.Add(r);
        var fit = new StudentModelLearner().Fit(train);
        double LogLoss(double a) => RecallMetrics.Of(test, i =>
        {
            var s = test[i];
            return StudentModelLikelihood.RecallProbability(fit.InitialRate(test.ItemIds[s.Item]), a, fit.Beta, s.Correct, s.Wrong, s.DeltaDays);
        }).LogLoss;
        Assert.True(LogLoss(fit.Alpha) < LogLoss(2 * fit.Alpha));
    }
}
