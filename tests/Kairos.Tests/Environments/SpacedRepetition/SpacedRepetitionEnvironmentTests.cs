using Kairos.Environments.SpacedRepetition;
using Kairos.Models.SpacedRepetition;
using Kairos.PointProcesses;

namespace Kairos.Tests.Environments.SpacedRepetition;

public sealed class SpacedRepetitionEnvironmentTests
{
    private static SpacedRepetitionEnvironment Env(params double[] rates) =>
        new(new SpacedRepetitionOptions(new StudentModel(0.049, 0.0052, rates)));

    [Fact]
    public void Act_Review_ReturnsRecallInValueAndFeedback()
    {
        var env = Env(1.0, 2.0);
        var episode = env.NewEpisode(new Random(1));
        var e = episode.Act(0.5, 1, new Random(2));
        Span<double> z = stackalloc double[1];
        episode.Feedback(z);
        Assert.Equal(EventKind.Action, e.Kind);
        Assert.Equal(1, e.Mark);
        Assert.True(e.Value is 0.0 or 1.0);
        Assert.Equal(e.Value!.Value, z[0]);
        Assert.Equal(1, env.Spec.FeedbackSize);
        Assert.Equal(2, env.Spec.MarkCount);
        Assert.Equal(14, env.Spec.Horizon);
    }

    [Fact]
    public void Act_ManyStudents_RecallFrequencyMatchesModel()
    {
        // Given n = 0.7 and a first review at t = 1.5, P(recall) = e^{−1.05} = 0.34994...
        var env = Env(0.7);
        var rng = new Random(11);
        int n = 20000, recalled = 0;
        for (int s = 0; s < n; s++)
            if (env.NewEpisode(rng).Act(1.5, 0, rng).Value == 1.0) recalled++;
        double p = Math.Exp(-1.05), se = Math.Sqrt(p * (1 - p) / n);
        Assert.InRange(recalled / (double)n, p - 4 * se, p + 4 * se);
    }

    [Fact]
    public void Finish_NoReviews_ExpectedRecallIsMeanOfExpAtTestTime()
    {
        var env = Env(0.1, 0.2);
        var metrics = env.NewEpisode(new Random(1)).Finish(new Random(5));
        Assert.Equal(0.5 * (Math.Exp(-1.6) + Math.Exp(-3.2)), metrics["expected_recall"], 14);
        Assert.Equal(0, metrics["reviews"]);
        Assert.True(double.IsNaN(metrics["reviewed_difficulty"]));
        Assert.Equal(SpacedRepetitionMetrics.All.Select(m => m.Name).Order(), metrics.Keys.Order());
        Assert.Contains(metrics["recall"], new[] { 0.0, 0.5, 1.0 });
    }

    [Fact]
    public void Finish_AfterReviews_ReportsCountsDifficultyAndRate()
    {
        var env = Env(1.0, 2.0);
        var episode = env.NewEpisode(new Random(1));
        var rng = new Random(4);
        episode.Act(1, 0, rng);
        episode.Act(2, 1, rng);
        episode.Act(7, 1, rng);
        var m = episode.Finish(rng);
        Assert.Equal(3, m["reviews"]);
        Assert.Equal(3.0 / 14, m["reviews_per_day"], 15);
        Assert.Equal(5.0 / 3, m["reviewed_difficulty"], 14);
    }

    [Fact]
    public void Act_OutOfTimeOrder_Throws()
    {
        var episode = Env(1.0).NewEpisode(new Random(1));
        episode.Act(3, 0, new Random(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => episode.Act(2, 0, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => episode.Act(15, 0, new Random(1)));
    }
}
