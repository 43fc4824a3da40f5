using Kairos.Neural;
using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Simulation;

namespace Kairos.Learning;

/// <summary>
/// REINFORCE for a <see cref="PerItemHazardPolicy"/>, as <see cref="PolicyGradientTrainer"/> runs it for TPPRL:
/// ĝ = (1/B) Σ_b (R_b − R̄) ∇log p_θ(τ_b) with R = metric − price·actions (batch-mean baseline; no intensity
/// regulariser: the budget's price is the only cost), global-norm clipping, Adam with inverse-time decay; with
/// <see cref="TrainerOptions.ActionBudget"/> the price moves by dual ascent (<see cref="BudgetPriceController"/>),
/// held-out checks keep the best policy within the budget's tolerance (else the closest), and the kept policy's bias
/// b is shifted until it spends N (<see cref="BudgetCalibration"/>: every item's rate scales by e^shift). Episodes
/// run in parallel on their own (seed, index) streams and scores are summed in index order, so a run is
/// bit-identical for any thread count.
/// </summary>
public sealed class PerItemHazardTrainer
{
    private readonly IEnvironment _env;
    private PerItemHazardTape[] _tapes = [];
    private EpisodeResult[] _results = [];
    private double[] _metrics = [];

    public PerItemHazardTrainer(IEnvironment environment, TrainerOptions options)
    {
        _env = environment ?? throw new ArgumentNullException(nameof(environment));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        OptionProblem.ThrowIfAny(options.Problems(environment.Metrics.Select(m => m.Name).ToList()), nameof(TrainerOptions));
        RewardMetric = options.RewardMetric ?? environment.Reward.Name;
    }

    public TrainerOptions Options { get; }
    public string RewardMetric { get; }

    public PerItemHazardTrainingResult Train(PerItemHazardPolicy initial, IProgressSink? progress = null, CancellationToken cancel = default)
    {
        var o = Options;
        var theta = initial.Parameters.ToArray();
        var adam = new Adam(theta.Length);
        var schedule = new InverseTimeDecay(o.LearningRate, o.LearningRateDecay);
        var gradient = new double[theta.Length];
        var points = new List<TrainingPoint>(Math.Min(o.Iterations, 4096));
        int heldOutSeed = SeedSequence.Derive(o.Seed, 1L << 40), bestIteration = -1, sinceBest = 0;
        double bestHeld = double.NegativeInfinity, closestGap = double.PositiveInfinity;
        double[]? best = null, closest = null;
        var budget = o.ActionBudget is { } n ? new BudgetPriceController(n, o.ActionCost, o.BudgetPriceStep) : null;
        int it = 0;
        bool stoppedEarly = false;
        for (; it < o.Iterations; it++)
        {
            cancel.ThrowIfCancellationRequested();
            double price = budget?.Price ?? o.ActionCost;
            var batch = EstimateGradient(initial.With(theta, copy: false), SeedSequence.Derive(o.Seed, it), price, gradient);
            GlobalNorm.Clip(gradient, o.ClipNorm);
            for (int i = 0; i < gradient.Length; i++) gradient[i] = -gradient[i];   // Adam minimises −J
            double lr = schedule.At(it);
            adam.Step(theta, gradient, lr);
            double held = double.NaN;
            if (o.EvaluateEvery > 0 && ((it + 1) % o.EvaluateEvery == 0 || it + 1 == o.Iterations))
            {
                var h = Evaluate(initial.With(theta, copy: false), o.HeldOutEpisodes, heldOutSeed, budget?.Price ?? o.ActionCost);
                held = budget is null ? h.Objective : h.Metric - budget.Price * (h.Actions - budget.Budget);
                bool feasible = budget is null || budget.Meets(h.Actions, o.BudgetTolerance);
                if (budget is not null && Math.Abs(h.Actions - budget.Budget) < closestGap)
                    (closestGap, closest) = (Math.Abs(h.Actions - budget.Budget), (double[])theta.Clone());
                if (feasible && held > bestHeld) (bestHeld, bestIteration, sinceBest, best) = (held, it + 1, 0, (double[])theta.Clone());
                else sinceBest++;
            }
            points.Add(new TrainingPoint(it + 1, batch.Reward, batch.Objective, batch.Actions, lr, batch.GradientNorm, held, price));
            budget?.Update(batch.Actions, batch.Metric);
            progress?.Report(it + 1, FormattableString.Invariant($"reward {batch.Reward:G4}, {CountText.Of(batch.Actions, "F1", "action")}"));
            if (o.Patience > 0 && sinceBest >= o.Patience) { stoppedEarly = true; it++; break; }
        }
        var final = initial.With(theta, copy: true);
        var pick = best ?? closest;
        var chosen = pick is null ? final : initial.With(pick, copy: true);
        BudgetOutcome? outcome = null;
        if (budget is not null) (chosen, outcome) = Calibrate(budget, chosen, heldOutSeed);
        var fresh = Evaluate(chosen, o.HeldOutEpisodes, PolicyGradientTrainer.FreshSeed(o.Seed), o.ActionCost);
        return new PerItemHazardTrainingResult(chosen, final, new TrainingCurve(points), it, stoppedEarly, bestIteration, bestHeld, outcome)
        {
            FreshHeldOut = fresh, FreshHeldOutEpisodes = o.HeldOutEpisodes,
        };
    }

    private (PerItemHazardPolicy, BudgetOutcome) Calibrate(BudgetPriceController budget, PerItemHazardPolicy chosen, int heldOutSeed)
    {
        var theta = chosen.Parameters.ToArray();
        double bias = theta[PerItemHazardLayout.B], selected = double.NaN;
        var (shift, _) = BudgetCalibration.Find(c =>
        {
            theta[PerItemHazardLayout.B] = bias + c;
            double a = Evaluate(chosen.With(theta, copy: false), Options.HeldOutEpisodes, heldOutSeed, budget.Price).Actions;
            if (c == 0) selected = a;
            return a;
        }, budget.Budget, Options.BudgetTolerance / 4);
        theta[PerItemHazardLayout.B] = bias + shift;
        var calibrated = chosen.With(theta, copy: true);
        var e = Evaluate(calibrated, Options.HeldOutEpisodes, heldOutSeed, budget.Price);
        return (calibrated, new BudgetOutcome(budget.Budget, e.Actions, e.ActionsStandardError, Options.HeldOutEpisodes, budget.Price,
            Options.BudgetTolerance, budget.Meets(e.Actions, Options.BudgetTolerance)) { SelectedActions = selected, BiasShift = shift });
    }

    /// <summary>One batch of episodes (<paramref name="iterationSeed"/>, 0..B−1) at action price <paramref name="price"/>;
    /// writes the ascent direction ĝ (before clipping) into <paramref name="ascent"/>.</summary>
    public BatchEstimate EstimateGradient(PerItemHazardPolicy policy, int iterationSeed, double price, Span<double> ascent)
    {
        int b = Options.BatchSize, p = policy.Layout.Length;
        var estimate = Rollouts(policy, b, iterationSeed, price, out var rewards);
        double mean = rewards.Average();
        ascent.Clear();
        for (int i = 0; i < b; i++)
        {
            double advantage = rewards[i] - mean;
            var score = _tapes[i].Score;
            for (int j = 0; j < p; j++) ascent[j] += advantage * score[j];
        }
        for (int j = 0; j < p; j++) ascent[j] /= b;
        return estimate with { GradientNorm = GlobalNorm.Norm(ascent) };
    }

    /// <summary>Means over episodes (seed, 0..n−1) at action price <paramref name="price"/>.</summary>
    public BatchEstimate Evaluate(PerItemHazardPolicy policy, int episodes, int seed, double price) =>
        Rollouts(policy, Require.Positive(episodes, nameof(episodes)), seed, price, out _);

    private BatchEstimate Rollouts(PerItemHazardPolicy policy, int n, int seed, double price, out double[] rewards)
    {
        EnsureCapacity(policy.Layout, n);
        double end = _env.Spec.Context.End(policy.Name);
        var par = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };
        Parallel.For(0, n, par, i =>
        {
            _results[i] = EpisodeRunner.Run(_env, policy.RecordingInto(_tapes[i]), seed, i);
            _tapes[i].Finish(end);
        });
        rewards = new double[n];
        double r = 0, a = 0, m = 0, integral = 0;
        for (int i = 0; i < n; i++)
        {
            if (!_results[i].Metrics.TryGetValue(RewardMetric, out double metric))
                throw new InvalidOperationException($"environment '{_env.Name}' reports no metric '{RewardMetric}'.");
            _metrics[i] = metric;
            rewards[i] = metric - price * _results[i].Actions;
            (r, a, m, integral) = (r + rewards[i], a + _results[i].Actions, m + metric, integral + _tapes[i].IntensityIntegral);
        }
        double meanA = a / n, meanR = r / n, sa = 0, sr = 0;
        for (int i = 0; i < n; i++)
        {
            sa += (_results[i].Actions - meanA) * (_results[i].Actions - meanA);
            sr += (rewards[i] - meanR) * (rewards[i] - meanR);
        }
        double seA = n > 1 ? Math.Sqrt(sa / (n - 1) / n) : double.NaN, seR = n > 1 ? Math.Sqrt(sr / (n - 1) / n) : double.NaN;
        return new BatchEstimate(meanR, 0, meanR, meanA, integral / n, double.NaN, m / n, seA, seR);
    }

    private void EnsureCapacity(PerItemHazardLayout layout, int n)
    {
        if (_tapes.Length >= n && _tapes[0].Layout.Equals(layout)) return;
        int size = Math.Max(n, _tapes.Length);
        _tapes = Enumerable.Range(0, size).Select(_ => new PerItemHazardTape(layout)).ToArray();
        _results = new EpisodeResult[size];
        _metrics = new double[size];
    }
}
