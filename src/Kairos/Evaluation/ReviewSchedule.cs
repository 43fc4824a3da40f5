using Kairos.PointProcesses;
using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Evaluation;

/// <summary>When and what one policy reviews, averaged over students: reviews per student on each day
/// (day d = (d − 1, d]), reviews per student of each item beside the item's difficulty, and the rank correlation
/// between the two (Spearman, ties averaged).</summary>
public sealed record ReviewScheduleOfPolicy(string Policy, double MeanReviews, double[] PerDay, double[] PerItem,
    double DifficultyRankCorrelation);

public sealed record ReviewScheduleResult(IScenario Scenario, double? Budget, int Episodes, int Seed, string DifficultyUnit,
    double[] ItemDifficulty, IReadOnlyList<ReviewScheduleOfPolicy> Policies);

/// <summary>
/// Reviews per day and reviews per item of every policy of an <see cref="EvaluationPlan"/> on a spaced-repetition
/// scenario (the episodes are recorded; an action's mark is the reviewed item).
/// </summary>
public static class ReviewSchedule
{
    public static ReviewScheduleResult Run(EvaluationPlan plan, IProgressSink? progress = null)
    {
        var scenario = plan.Scenario;
        var student = SpacedRepetitionScenarios.Student(scenario)
            ?? throw new ArgumentException($"{scenario.Name} is not a spaced-repetition scenario.", nameof(plan));
        var result = EvaluationService.Run(plan with { RecordEpisodes = true }, progress);
        int days = (int)Math.Ceiling(result.Horizon);
        var difficulty = Enumerable.Range(0, student.ItemCount).Select(student.ItemDifficulty).ToArray();
        var policies = result.Policies.Select(p =>
        {
            var perDay = new double[days];
            var perItem = new double[student.ItemCount];
            foreach (var episode in p.Episodes)
                foreach (var e in episode.Events ?? throw new InvalidOperationException("episodes were not recorded."))
                {
                    if (e.Kind != EventKind.Action) continue;
                    perDay[Math.Clamp((int)Math.Ceiling(e.Time) - 1, 0, days - 1)]++;
                    if (e.Mark >= 0 && e.Mark < perItem.Length) perItem[e.Mark]++;
                }
            int n = p.Episodes.Count;
            for (int d = 0; d < days; d++) perDay[d] /= n;
            for (int i = 0; i < perItem.Length; i++) perItem[i] /= n;
            return new ReviewScheduleOfPolicy(p.Policy, p.MeanActions, perDay, perItem, Spearman(difficulty, perItem));
        }).ToList();
        return new ReviewScheduleResult(scenario, result.Budget, plan.Episodes, plan.Seed, student.DifficultyUnit, difficulty, policies);
    }

    /// <summary>Spearman's rank correlation (Pearson correlation of mid-ranks); NaN when either side is constant.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var rx = MidRanks(x);
        var ry = MidRanks(y);
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] MidRanks(IReadOnlyList<double> v)
    {
        var order = Enumerable.Range(0, v.Count).OrderBy(i => v[i]).ToArray();
        var rank = new double[v.Count];
        for (int a = 0; a < order.Length;)
        {
            int b = a;
            while (b + 1 < order.Length && v[order[b + 1]] == v[order[a]]) b++;
            for (int k = a; k <= b; k++) rank[order[k]] = (a + b) / 2.0 + 1;
            a = b + 1;
        }
        return rank;
    }
}
