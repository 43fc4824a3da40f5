using System.Diagnostics;
using Kairos.Environments.Broadcasting;
using Kairos.Learning;
using Kairos.Neural;
using Kairos.Numerics;
using Kairos.Policies;

namespace Kairos.Cli.Bench;

/// <summary>`broadcasting_iteration_ms`: one TPPRL SGD iteration in the paper's smart-broadcasting shape — batch 16
/// training windows of a seeded broadcaster (20 followers, prioritized feed, ≈ 250 events per episode) — on all
/// cores, beside the same iteration on one thread. Target 30 ms (the paper: ~30 s on 2 CPU cores, appendix D).</summary>
public sealed class BroadcastingBench : IBenchSource
{
    public IReadOnlyList<string> FigureNames => ["broadcasting_iteration_ms"];

    public IEnumerable<BenchFigure> Measure(bool quick)
    {
        var world = SyntheticBroadcastWorld.Generate(SeedSequence.Stream(1, 0));
        var env = new BroadcastingEnvironment(world, FeedKind.Prioritized, training: true);
        var policy = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(7), hidden: 8, feedbackSources: env.FeedbackSources,
            initialRate: 5 / env.Spec.Horizon);
        PolicyGradientTrainer Trainer(int threads) => new(env, new TrainerOptions
        {
            BatchSize = 16, MaxDegreeOfParallelism = threads, Regularizers = new RegularizerWeights(10), EvaluateEvery = 0,
            RewardMetric = BroadcastingMetrics.NegativeAverageRank,
        });
        var (all, one) = (Trainer(-1), Trainer(1));
        var gradient = new double[policy.Layout.Length];
        double Iterate(PolicyGradientTrainer t, int seed)
        {
            var watch = Stopwatch.StartNew();
            t.EstimateGradient(policy, seed, gradient);
            GlobalNorm.Clip(gradient, 1);
            return watch.Elapsed.TotalMilliseconds;
        }
        var warm = Stopwatch.StartNew();
        for (int r = 0; r < 3 || warm.ElapsedMilliseconds < 1500; r++) { Iterate(all, r); Iterate(one, r); }
        var (walls, singles) = (new List<double>(), new List<double>());
        for (int r = 0; r < (quick ? 9 : 31); r++)
        {
            walls.Add(Iterate(all, 1000 + r));
            singles.Add(Iterate(one, 1000 + r));
        }
        double events = all.Evaluate(policy, 16, 5).Actions + world.WindowPosts;   // own posts + posts of others (+ crossings below)
        walls.Sort();
        singles.Sort();
        yield return new BenchFigure("broadcasting_iteration_ms", walls[walls.Count / 2], "ms", Target: 30,
            Baseline: "same iteration on 1 thread", BaselineValue: singles[singles.Count / 2],
            Note: FormattableString.Invariant($"batch 16, ≥ {events:F0} events/episode (plus lifetime crossings), 20 followers, prioritized feed, H = 8, {Environment.ProcessorCount} cores; median wall time"));
    }
}
