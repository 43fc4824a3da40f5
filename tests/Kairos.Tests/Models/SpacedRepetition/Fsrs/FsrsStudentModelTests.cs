using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Tests.Models.SpacedRepetition.Fsrs;

public sealed class FsrsStudentModelTests
{
    private static FsrsStudentModel Population(double jitter = 0, double hard = 0.1, double easy = 0.1) =>
        new(FsrsParameters.Default, [3.0, 7.0], jitter, hard, easy);

    [Fact]
    public void Review_ManyStudents_RecallFrequencyMatchesRetrievability_AndAWrongCurveIsRejected()
    {
        var population = Population();
        var rng = new Random(17);
        int n = 20000, recalled = 0;
        for (int s = 0; s < n; s++)
            if (population.NewStudent(rng).Review(1, 30, rng)) recalled++;
        double p = FsrsModel.Default.Retrievability(30, FsrsParameters.Default[2]), se = Math.Sqrt(p * (1 - p) / n);
        double freq = recalled / (double)n;
        Assert.InRange(freq, p - 4 * se, p + 4 * se);
        // The FSRS-5 curve (decay 0.5) at the same point is far outside the band: the check has power.
        double wrong = Math.Pow(1 + (19.0 / 81) * 30 / FsrsParameters.Default[2], -0.5);
        Assert.True(Math.Abs(freq - wrong) > 8 * se, $"frequency {freq} cannot tell the FSRS-6 curve from the FSRS-5 one ({wrong})");
    }

    [Fact]
    public void Review_RecalledItems_SplitIntoHardGoodEasyWithTheDocumentedProbabilities()
    {
        var population = Population(hard: 0.2, easy: 0.3);
        var rng = new Random(5);
        var counts = new int[5];
        for (int s = 0; s < 20000; s++)
        {
            var student = (FsrsStudent)population.NewStudent(rng);
            var before = student.State(0);
            bool recalled = student.Review(0, 3, rng);
            var after = student.State(0);
            // Identify the rating from the update: each rating gives a distinct state.
            var model = FsrsModel.Default;
            int rating = Enumerable.Range(1, 4).Single(g => model.Next(before, 3, (FsrsRating)g) == after);
            Assert.Equal(recalled, rating > 1);
            counts[rating]++;
        }
        int hits = counts[2] + counts[3] + counts[4];
        foreach (var (g, p) in new[] { (2, 0.2), (3, 0.5), (4, 0.3) })
        {
            double se = Math.Sqrt(p * (1 - p) / hits);
            Assert.InRange(counts[g] / (double)hits, p - 4 * se, p + 4 * se);
        }
    }

    [Fact]
    public void Students_WithJitter_DifferAndStayInsideTheBounds_WithoutJitterEqualThePopulation()
    {
        var rng = new Random(3);
        var a = (FsrsStudent)Population(jitter: 0.1).NewStudent(rng);
        var b = (FsrsStudent)Population(jitter: 0.1).NewStudent(rng);
        Assert.NotEqual(a.Model.Parameters.Weights, b.Model.Parameters.Weights);
        for (int j = 0; j < FsrsParameters.Count; j++)
            Assert.InRange(a.Model.Parameters[j], FsrsParameters.Bounds[j].Low, FsrsParameters.Bounds[j].High);
        var c = (FsrsStudent)Population().NewStudent(rng);
        Assert.Equal(FsrsParameters.Default.Weights, c.Model.Parameters.Weights);
        Assert.Equal(new FsrsMemoryState(FsrsParameters.Default[2], 7.0), c.State(1));
    }

    [Fact]
    public void SpacingEffect_TwoSpacedReviewsBeatTwoCrammedOnes_ButNotOnTheExponentialSurrogate()
    {
        // Two Good reviews, spaced (days 5 and 12) or crammed (13.95 and 13.97); recall four weeks after T = 14.
        var model = FsrsModel.Default;
        double Recall(double t1, double t2)
        {
            var s = new FsrsMemoryState(FsrsParameters.Default[2], 5);
            s = model.Next(s, t1, FsrsRating.Good);
            s = model.Next(s, t2 - t1, FsrsRating.Good);
            return model.Retrievability(42 - t2, s.Stability);
        }
        Assert.True(Recall(5, 12) > Recall(13.95, 13.97) + 0.02, $"spaced {Recall(5, 12)}, crammed {Recall(13.95, 13.97)}");
        // The surrogate exponential model has no spacing effect: crammed reviews are the better ones there.
        var surrogate = FsrsStudentModel.Default().ExponentialSurrogate();
        double n = surrogate.InitialRates[0] * (1 - surrogate.Alpha) * (1 - surrogate.Alpha);
        Assert.True(Math.Exp(-n * (42 - 13.97)) > Math.Exp(-n * (42 - 12)));
        Assert.Equal(0.9, Math.Exp(-surrogate.InitialRates[0] * FsrsParameters.Default[2]), 12);
    }

    [Fact]
    public void Default_HasTheTpprlItemsWithDifficultiesFromTwoToNine()
    {
        var population = FsrsStudentModel.Default();
        Assert.Equal(50, population.ItemCount);
        Assert.Equal(2, population.ItemDifficulties.Min(), 12);
        Assert.Equal(9, population.ItemDifficulties.Max(), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FsrsStudentModel(FsrsParameters.Default, [0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FsrsStudentModel(FsrsParameters.Default, [5], 0, 0.6, 0.6));
    }
}
