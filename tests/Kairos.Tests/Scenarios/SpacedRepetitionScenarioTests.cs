using Kairos.Environments.SpacedRepetition;
using Kairos.Models.SpacedRepetition;
using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Tests.Scenarios;

public sealed class SpacedRepetitionScenarioTests
{
    private static readonly SpacedRepetitionScenario Scenario = new();

    [Fact]
    public void ScenarioCatalog_Name_FindsSpacedRepetition()
    {
        var s = ScenarioCatalog.Get("spaced-repetition");
        Assert.Equal("recall", s.PrimaryMetric);
        Assert.Equal(["uniform", "memorize", "threshold", "cram", "oracle"], s.BaselineNames);
    }

    [Fact]
    public void ScenarioCatalog_DuolingoVariant_Has50HlrDerivedItems()
    {
        var s = Assert.IsType<DuolingoSpacedRepetitionScenario>(ScenarioCatalog.Get("spaced-repetition-duolingo"));
        var rates = s.Inner.Options.Model.InitialRates;
        var pool = ItemSets.DuolingoLexemes.Select(l => l.InitialRate).ToHashSet();
        Assert.Equal(50, rates.Count);
        Assert.All(rates, r => Assert.Contains(r, pool));
        Assert.Equal(50, s.CreateEnvironment().Spec.MarkCount);
    }

    [Fact]
    public void ScenarioCatalog_TimedVariant_FeedsItemElapsedTimeAndElapsedFraction()
    {
        // Given the timed variant
        var s = ScenarioCatalog.Get("spaced-repetition-timed");
        var env = s.CreateEnvironment();
        Assert.Equal(2, env.Spec.FeedbackSize);
        Assert.IsType<Kairos.Policies.DeadlineFeatures>(s.EventFeatures);
        // When item 3 is reviewed at t = 2.8 and again at t = 7
        var episode = env.NewEpisode(new Random(1));
        var rng = new Random(2);
        Span<double> z = stackalloc double[2];
        episode.Act(2.8, 3, rng);
        episode.Feedback(z);
        Assert.Equal(2.8 / 14, z[1], 15);
        var e = episode.Act(7, 3, rng);
        episode.Feedback(z);
        // Then z = (recall, time since the item's previous review / T)
        Assert.Equal(e.Value!.Value, z[0]);
        Assert.Equal(4.2 / 14, z[1], 14);
        Assert.Equal(ScenarioCatalog.Get("spaced-repetition").BaselineNames, s.BaselineNames);
    }

    [Fact]
    public void CreateBaseline_UnknownName_ThrowsListingValid()
    {
        var e = Assert.Throws<UserInputException>(() => Scenario.CreateBaseline("memorise", 100, 1));
        Assert.Contains("uniform, memorize, threshold, cram, oracle", e.Message);
    }

    [Theory]
    [InlineData("uniform")]
    [InlineData("memorize")]
    [InlineData("threshold")]
    [InlineData("cram")]
    [InlineData("oracle")]
    public void Match_Budget1000_MeanReviewsWithinOnePercent(string name)
    {
        var m = Scenario.Match(name, 1000, seed: 3);
        Assert.True(m.WithinTolerance);
        Assert.InRange(m.MeanActions, 990, 1010);
        // The tuning episodes are reproducible: recomputing the mean at the chosen knob gives the same number.
        double again = BudgetMatcher.MeanActions(Scenario.CreateEnvironment(), m.Policy,
            Kairos.Numerics.SeedSequence.Derive(3, BudgetMatcher.TuningSalt), SpacedRepetitionScenario.TuningEpisodes);
        Assert.Equal(m.MeanActions, again);
    }

    [Fact]
    public void Evaluate_Baselines1000Reviews_MatchReferenceLevels()
    {
        // Given the TPPRL study's student and ~1,000 reviews per student
        var env = Scenario.CreateEnvironment();
        var policies = Scenario.BaselineNames.Select(n => Scenario.CreateBaseline(n, 1000, seed: 5)).ToList();
        // When 30 held-out students are evaluated (seed distinct from tuning)
        var results = Evaluator.Evaluate(env, policies, episodes: 30, seed: 1).ToDictionary(r => r.Policy);
        // Then (issue 5): a time-ordered uniform ≈ 28% recall; cram ≈ 0.46 and oracle ≈ 0.48 expected recall;
        // MEMORIZE ≈ 27% (paper) and below cram.
        Assert.InRange(results["uniform"].Summary("recall").Mean, 0.24, 0.33);
        Assert.InRange(results["cram"].Summary("expected_recall").Mean, 0.44, 0.48);
        Assert.InRange(results["oracle"].Summary("expected_recall").Mean, 0.465, 0.50);
        Assert.InRange(results["memorize"].Summary("recall").Mean, 0.22, 0.31);
        Assert.True(results["oracle"].Summary("expected_recall").Mean > results["cram"].Summary("expected_recall").Mean);
        foreach (var r in results.Values) Assert.InRange(r.MeanActions, 950, 1050);
    }
}
