using Kairos.Data.Duolingo;
using Kairos.Environments.SpacedRepetition;
using Kairos.Learning.StudentModels;
using Kairos.Models.SpacedRepetition;

namespace Kairos.Tests.Learning.StudentModels;

public sealed class HalfLifeRegressionTests
{
    [Fact]
    public void RecallProbability_KnownWeights_MatchesSettlesFormula()
    {
        // θ = (right −0.0061, wrong −0.0802, bias 7.2145, lexeme 0.0756) (memorize's HLR weights); history 3 right, 1 wrong
        var hlr = new HalfLifeRegression(-0.0061, -0.0802, 7.2145, new Dictionary<string, double> { ["en:water"] = 0.0756 });
        double score = -0.0061 * 2 - 0.0802 * Math.Sqrt(2) + 7.2145 + 0.0756;
        double h = Math.Pow(2, score);   // ≈ 143.5 days
        Assert.Equal(h, hlr.HalfLife("en:water", 3, 1), 10);
        Assert.Equal(Math.Pow(2, -10 / h), hlr.RecallProbability("en:water", 3, 1, 10), 14);
        Assert.Equal(Math.Pow(2, 7.2145 - 0.0061 - 0.0802), hlr.HalfLife("en:unseen", 0, 0), 10);
        Assert.Equal(HalfLifeRegression.MaxHalfLife, new HalfLifeRegression(0, 0, 20, new Dictionary<string, double>()).HalfLife("x", 0, 0));
    }

    [Fact]
    public void Fit_SyntheticLog_BeatsUntrainedModelOnRecallError()
    {
        // Given fast-forgotten items (half-lives of 2–5 hours), far from the untrained ĥ = 2^0 = 1 day
        var truth = new StudentModel(0.15, 0.1, Enumerable.Range(0, 10).Select(i => 3.0 + 0.5 * i).ToArray());
        var set = new StudentObservationSet();
        foreach (var r in DuolingoSyntheticLog.Generate(truth, 200, 5, 8, new Random(8))) set.Add(r);
        var fitted = new HalfLifeRegressionLearner(epochs: 3, halfLifeWeight: 0, learningRate: 0.05).Fit(set, new Random(1));
        var untrained = new HalfLifeRegression(0, 0, 0, new Dictionary<string, double>());
        double Mae(HalfLifeRegression m) => RecallMetrics.Of(set, i =>
        {
            var s = set[i];
            return m.RecallProbability(set.Labels[s.Item], s.Correct, s.Wrong, s.DeltaDays);
        }).Mae;
        Assert.True(Mae(fitted) < 0.8 * Mae(untrained), $"{Mae(fitted)} vs {Mae(untrained)}");
        // A recall lengthens the half-life more than a lapse does
        Assert.True(fitted.Right > fitted.Wrong, $"right = {fitted.Right}, wrong = {fitted.Wrong}");
    }
}
