using Kairos.Data.Anki;
using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Learning.Fsrs;

/// <summary>
/// A review log generated from known FSRS-6 parameters, for recovery tests and benchmarks. Each card gets a first
/// rating (Again/Hard/Good/Easy with probabilities 0.3/0.1/0.5/0.1), then reviews scheduled when R falls to a
/// retention drawn uniformly from [0.6, 0.95] (at least one day later); recall ~ Bernoulli(R), and a recalled card
/// is rated Hard/Good/Easy with 0.1/0.8/0.1 (the <see cref="FsrsStudentModel"/> defaults). A lapse is followed by a
/// same-day relearning review rated Good. Cards start on successive days, reviews at noon UTC.
/// </summary>
public static class FsrsSyntheticLog
{
    public static IReadOnlyList<ReviewLogRecord> Generate(FsrsParameters parameters, int cards, int reviewsPerCard, Random rng)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(rng);
        var model = new FsrsModel(parameters);
        var origin = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var log = new List<ReviewLogRecord>(cards * reviewsPerCard);
        for (int c = 0; c < cards; c++)
        {
            double day = c % 60;
            double u = rng.NextDouble();
            var rating = u < 0.3 ? FsrsRating.Again : u < 0.4 ? FsrsRating.Hard : u < 0.9 ? FsrsRating.Good : FsrsRating.Easy;
            var state = model.Initial(rating);
            log.Add(Record(c, rating, origin, day, 0));
            int minute = 0;
            for (int r = 1; r < reviewsPerCard; r++)
            {
                double gap;
                if (rating == FsrsRating.Again) { gap = 0; rating = FsrsRating.Good; }
                else
                {
                    double retention = 0.6 + 0.35 * rng.NextDouble();
                    gap = Math.Max(1, Math.Round(model.IntervalAt(state.Stability, retention)));
                    bool recalled = rng.NextDouble() < model.Retrievability(gap, state.Stability);
                    double v = rng.NextDouble();
                    rating = !recalled ? FsrsRating.Again : v < 0.1 ? FsrsRating.Hard : v < 0.9 ? FsrsRating.Good : FsrsRating.Easy;
                }
                state = model.Next(state, gap, rating);
                day += gap;
                minute = gap == 0 ? minute + 10 : 0;
                log.Add(Record(c, rating, origin, day, minute));
            }
        }
        return log;
    }

    private static ReviewLogRecord Record(int card, FsrsRating rating, DateTimeOffset origin, double day, int minute) =>
        new(1000 + card, (int)rating, origin.AddDays(day).AddMinutes(minute), 5000);
}
