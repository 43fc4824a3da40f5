using Kairos.Decisions;
using Kairos.Environments.SpacedRepetition;
using Kairos.Models.SpacedRepetition;
using Kairos.Models.SpacedRepetition.Fsrs;
using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Tests.Scenarios;

public sealed class FsrsSpacedRepetitionScenarioTests
{
    [Fact]
    public void EveryBaseline_RunsOnTheFsrsStudent_AndEverySharedOneOnTheExponentialStudent()
    {
        var fsrs = new FsrsSpacedRepetitionScenario();
        var tpprl = new SpacedRepetitionScenario();
        foreach (var (scenario, names) in new[] { ((IScenario)fsrs, fsrs.BaselineNames), (tpprl, tpprl.BaselineNames) })
        {
            var env = scenario.CreateEnvironment();
            foreach (var name in names)
            {
                var r = EpisodeRunner.Run(env, scenario.CreateBaseline(name, null, 1), seed: 3, index: 0);
                Assert.True(r.Actions > 0, $"{name} on {scenario.Name} made no review");
                Assert.InRange(r.Metrics[SpacedRepetitionMetrics.ExpectedRecall], 0, 1);
            }
        }
        Assert.Contains(fsrs.BaselineNames, n => n == "fsrs");
        Assert.Equal("FSRS difficulty D_i (1-10)",
            fsrs.CreateEnvironment().Metrics.Single(m => m.Name == SpacedRepetitionMetrics.ReviewedDifficulty).Unit);
    }

    [Fact]
    public void FsrsBaseline_MatchedToABudget_SpendsItWithinTolerance()
    {
        var scenario = new FsrsSpacedRepetitionScenario();
        var match = scenario.Inner.Match("fsrs", 150, seed: 7);
        Assert.True(match.WithinTolerance, $"fsrs matched {match.MeanActions} reviews for a budget of 150");
        var policy = Assert.IsType<Kairos.Policies.FsrsPolicy>(match.Policy);
        Assert.InRange(policy.DesiredRetention, 0.5, 0.999);
    }

    [Fact]
    public void ExponentialStudent_DrawsNothingForANewStudent_SoExistingEpisodesAreUnchanged()
    {
        var model = StudentModel.Tpprl();
        var rng = new Random(9);
        model.NewStudent(rng);
        Assert.Equal(new Random(9).NextDouble(), rng.NextDouble());
        Assert.Throws<ArgumentException>(() => new SpacedRepetitionOptions(model, Student: new FsrsStudentModel(FsrsParameters.Default, [5.0])));
    }
}
