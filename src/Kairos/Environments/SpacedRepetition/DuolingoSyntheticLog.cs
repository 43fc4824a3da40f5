using System.Globalization;
using Kairos.Data.Duolingo;
using Kairos.Models.SpacedRepetition;
using Kairos.Numerics;

namespace Kairos.Environments.SpacedRepetition;

/// <summary>
/// Generates a log in the Duolingo HLR format from a known <see cref="StudentModel"/> (for tests and the demo).
/// Each user studies <c>itemsPerUser</c> random items; each item gets <c>sessionsPerItem</c> sessions after its
/// introduction, separated by log-uniform gaps in [10 minutes, <c>maxGapDays</c>]. A session has 1 + Poisson(1)
/// trials (capped at 6), each recalled with p = exp(−n Δ), n = n_i(0)(1−α)^{history_correct}(1+β)^{history_wrong}
/// clipped: the rate is frozen within a session and updated by the session's counts afterwards, so the
/// binomial likelihood of <see cref="Learning.StudentModels.StudentModelLikelihood"/> is exact for this log.
/// </summary>
public static class DuolingoSyntheticLog
{
    public static IEnumerable<DuolingoRecord> Generate(StudentModel truth, int users, int itemsPerUser,
        int sessionsPerItem, Random rng, double maxGapDays = 20)
    {
        ArgumentNullException.ThrowIfNull(truth);
        Require.Positive(users, nameof(users));
        Require.InRange(itemsPerUser, 1, truth.ItemCount, nameof(itemsPerUser));
        Require.Positive(sessionsPerItem, nameof(sessionsPerItem));
        double logMin = Math.Log(10.0 / 1440), logMax = Math.Log(Require.Positive(maxGapDays, nameof(maxGapDays)));
        const long start = 1_362_076_800;   // 2013-03-01, the era of the public log
        var items = Enumerable.Range(0, truth.ItemCount).ToArray();
        for (int u = 0; u < users; u++)
        {
            string user = "u:" + u.ToString("x5", CultureInfo.InvariantCulture);
            rng.Shuffle(items);
            for (int j = 0; j < itemsPerUser; j++)
            {
                int item = items[j];
                double t = rng.NextDouble() * 30, n = truth.InitialRates[item];
                int seen = 0, correct = 0;
                for (int s = 0; s < sessionsPerItem; s++)
                {
                    double gap = Math.Exp(logMin + (logMax - logMin) * rng.NextDouble());
                    t += gap;
                    double p = StudentModel.RecallProbability(n, gap);
                    int trials = Math.Min(6, 1 + Poisson1(rng)), hits = 0;
                    for (int k = 0; k < trials; k++) if (rng.NextDouble() < p) hits++;
                    yield return new DuolingoRecord((double)hits / trials, start + (long)(t * DuolingoRecord.SecondsPerDay),
                        Math.Round(gap * DuolingoRecord.SecondsPerDay), user, "xx", "en", $"lex{item:D4}", $"item{item}/item<n>",
                        seen, correct, trials, hits);
                    seen += trials;
                    correct += hits;
                    for (int k = 0; k < hits; k++) n = truth.UpdatedRate(n, recalled: true);
                    for (int k = 0; k < trials - hits; k++) n = truth.UpdatedRate(n, recalled: false);
                }
            }
        }
    }

    private static int Poisson1(Random rng)   // Knuth's method, mean 1
    {
        double l = Math.Exp(-1), p = 1;
        int k = -1;
        do { k++; p *= rng.NextDouble(); } while (p > l);
        return k;
    }
}
