using Kairos.Neural;
using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Simulation;

namespace Kairos.Learning;

/// <summary>
/// REINFORCE for TPPRL policies (Proposition 2): maximise J(θ) = E[R − L] with L the regularizer penalty, by
/// ĝ = (1/B) Σ_b [(O_b − baseline_b) ∇log p_θ(τ_b) − ∇L_b], O = R − L; then global-norm clipping and Adam with
/// inverse-time learning-rate decay (digest §2.3). Episodes of a batch run in parallel, each on its own
/// (seed, index) streams and tape, and gradients are summed in index order, so a run is bit-identical for any
/// thread count. With <see cref="TrainerOptions.ActionBudget"/> the action price is a Lagrange multiplier moved by
/// dual ascent after every batch (<see cref="BudgetPriceController"/>).
/// </summary>
public sealed class PolicyGradientTrainer
{
    private readonly IEnvironment _env;
    private TpprlTape[] _tapes = [];
    private EpisodeResult[] _results = [];
    private double[] _rewards = [];
    private double[] _metrics = [];
    private double _price;
    private EpisodeTerms[] _terms = [];
    private double[][] _score = [];

    public PolicyGradientTrainer(IEnvironment environment, TrainerOptions options)
    {
        _env = environment ?? throw new ArgumentNullException(nameof(environment));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        // The reward metric is checked against the environment's declared metrics here, before any episode runs.
        OptionProblem.ThrowIfAny(options.Problems(environment.Metrics.Select(m => m.Name).ToList()), nameof(TrainerOptions));
        RewardMetric = options.RewardMetric ?? environment.Reward.Name;
        _price = options.ActionCost;
    }

    public TrainerOptions Options { get; }
    /// <summary>The metric maximised: <see cref="TrainerOptions.RewardMetric"/>, or the environment's reward.</summary>
    public string RewardMetric { get; }

    /// <summary>Trains from <paramref name="initial"/> (not modified). Progress reports iterations done, with the
    /// running (exponentially averaged) batch reward as status. With an action budget, held-out checks compare the
    /// Lagrangian metric − penalty − p·(actions − N) at the current price p of the policies within the budget's
    /// tolerance only (none within it: the check closest to N); the kept policy's log-rate bias is then shifted until
    /// it spends N within a quarter of the tolerance on the check episodes (<see cref="BudgetCalibration"/>), and the
    /// result reports the returned policy's held-out mean actions, the shift and the final price.</summary>
    public TrainingResult Train(NeuralTppPolicy initial, IProgressSink? progress = null, CancellationToken cancel = default)
    {
        var o = Options;
        var theta = initial.Parameters.ToArray();
        var adam = new Adam(theta.Length);
        var schedule = new InverseTimeDecay(o.LearningRate, o.LearningRateDecay);
        var gradient = new double[theta.Length];
        var points = new List<TrainingPoint>(Math.Min(o.Iterations, 4096));
        int heldOutSeed = SeedSequence.Derive(o.Seed, 1L << 40), bestIteration = -1, sinceBest = 0;
        double bestHeld = double.NegativeInfinity, running = double.NaN;
        double[]? best = null, closest = null;
        double closestGap = double.PositiveInfinity;
        bool stoppedEarly = false;
        var budget = o.ActionBudget is { } n ? new BudgetPriceController(n, o.ActionCost, o.BudgetPriceStep) : null;
        int it = 0;
        for (; it < o.Iterations; it++)
        {
            cancel.ThrowIfCancellationRequested();
            var policy = View(initial, theta);
            _price = budget?.Price ?? o.ActionCost;
            var batch = EstimateGradient(policy, SeedSequence.Derive(o.Seed, it), gradient);
            GlobalNorm.Clip(gradient, o.ClipNorm);
            for (int i = 0; i < gradient.Length; i++) gradient[i] = -gradient[i];   // Adam minimises −J
            double lr = schedule.At(it);
            adam.Step(theta, gradient, lr);
            double held = double.NaN;
            if (o.EvaluateEvery > 0 && ((it + 1) % o.EvaluateEvery == 0 || it + 1 == o.Iterations))
            {
                var h = Evaluate(View(initial, theta), o.HeldOutEpisodes, heldOutSeed);
                // With a budget, the Lagrangian at the current price: extra actions pay their marginal value, so a
                // policy at the tolerance's upper edge is not preferred for spending more.
                held = budget is null ? h.Objective : h.Metric - h.Penalty - budget.Price * (h.Actions - budget.Budget);
                bool feasible = budget is null || budget.Meets(h.Actions, o.BudgetTolerance);
                if (budget is not null && Math.Abs(h.Actions - budget.Budget) < closestGap)
                    (closestGap, closest) = (Math.Abs(h.Actions - budget.Budget), (double[])theta.Clone());
                if (feasible && held > bestHeld) { (bestHeld, bestIteration, sinceBest, best) = (held, it + 1, 0, (double[])theta.Clone()); }
                else sinceBest++;
            }
            points.Add(new TrainingPoint(it + 1, batch.Reward, batch.Objective, batch.Actions, lr, batch.GradientNorm, held, _price));
            budget?.Update(batch.Actions, batch.Metric);
            running = double.IsNaN(running) ? batch.Reward : 0.9 * running + 0.1 * batch.Reward;
            progress?.Report(it + 1, FormattableString.Invariant($"reward {running:G4}"));
            if (o.CheckpointEvery > 0 && (it + 1) % o.CheckpointEvery == 0)
            {
                Directory.CreateDirectory(o.CheckpointDirectory!);
                NeuralTppPolicyFile.Save(initial.With(theta, copy: true),
                    Path.Combine(o.CheckpointDirectory!, $"checkpoint-{it + 1:D6}.json"), _env.Name);
            }
            if (o.Patience > 0 && sinceBest >= o.Patience) { stoppedEarly = true; it++; break; }
        }
        var final = initial.With(theta, copy: true);
        // With a budget and no held-out check within its tolerance, the check whose count came closest.
        var pick = best ?? closest;
        var chosen = pick is null ? final : initial.With(pick, copy: true);
        var outcome = budget is null ? null : Calibrate(budget, ref chosen, heldOutSeed);
        _price = o.ActionCost;
        // The checks picked the best of many evaluations on the same episodes, which is optimistic; the returned
        // policy is scored again on episodes no check has seen.
        var fresh = Evaluate(chosen, o.HeldOutEpisodes, FreshSeed(o.Seed));
        return new TrainingResult(chosen, final, new TrainingCurve(points), it, stoppedEarly, bestIteration, bestHeld, outcome)
        {
            FreshHeldOut = fresh, FreshHeldOutEpisodes = o.HeldOutEpisodes,
        };
    }

    /// <summary>Seed of the fresh held-out episodes: disjoint from the training batches and the checks' episodes.</summary>
    public static int FreshSeed(int seed) => SeedSequence.Derive(seed, (1L << 40) + 1);

    /// <summary>Shifts the chosen policy's log-rate bias until it spends N within a quarter of the tolerance on the
    /// check episodes (<see cref="BudgetCalibration"/>), and reports the result on those episodes.</summary>
    private BudgetOutcome Calibrate(BudgetPriceController budget, ref NeuralTppPolicy chosen, int heldOutSeed)
    {
        var template = chosen;
        var theta = chosen.Parameters.ToArray();
        int b = chosen.Layout.B;
        double bias = theta[b], selected = double.NaN;
        var (shift, _) = BudgetCalibration.Find(c =>
        {
            theta[b] = bias + c;
            double a = Evaluate(View(template, theta), Options.HeldOutEpisodes, heldOutSeed).Actions;
            if (c == 0) selected = a;
            return a;
        }, budget.Budget, Options.BudgetTolerance / 4);
        theta[b] = bias + shift;
        chosen = chosen.With(theta, copy: true);
        var e = Evaluate(chosen, Options.HeldOutEpisodes, heldOutSeed);
        return new BudgetOutcome(budget.Budget, e.Actions, e.ActionsStandardError, Options.HeldOutEpisodes, budget.Price,
            Options.BudgetTolerance, budget.Meets(e.Actions, Options.BudgetTolerance)) { SelectedActions = selected, BiasShift = shift };
    }

    /// <summary>
    /// One batch: runs episodes (<paramref name="iterationSeed"/>, 0..B−1) and writes the ascent direction ĝ of
    /// J = E[R − L] into <paramref name="ascent"/> (before clipping). With the w_t = 0 ablation, ĝ_w = 0.
    /// </summary>
    public BatchEstimate EstimateGradient(NeuralTppPolicy policy, int iterationSeed, Span<double> ascent)
    {
        int b = Options.BatchSize, p = policy.Layout.Length;
        var q = Options.Regularizers;
        Rollouts(policy, b, iterationSeed);
        var theta = policy.ParameterArray;
        var objective = new double[b];
        for (int i = 0; i < b; i++) objective[i] = _rewards[i] - q.Penalty(_terms[i]);
        double mean = objective.Average();
        var par = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };
        bool causal = Options.Baseline == BaselineKind.LeaveOneOutCausal;
        double sum = 0, causalSum = 0;
        var causalPenalty = new double[b];
        for (int i = 0; i < b; i++)
        {
            causalPenalty[i] = q.Penalty(_terms[i]) + q.QEntropy * _terms[i].MeanMarkEntropy;   // L without the entropy bonus
            causalSum += causalPenalty[i];
            sum += objective[i] + causalPenalty[i];   // R − L_entropy
        }
        Parallel.For(0, b, par, i =>
        {
            Array.Clear(_score[i], 0, p);
            if (causal)
            {
                // α = (R − L_entropy) minus its leave-one-out mean; the causal penalty and its baseline (the others'
                // mean causal penalty, spread uniformly over time) enter per interval.
                double own = objective[i] + causalPenalty[i];
                double alpha = own - (sum - own) / (b - 1);
                TpprlObjective.Accumulate(theta, _tapes[i], alpha, q, -1, _score[i], causalPenalty: true,
                    penaltyBaseline: (causalSum - causalPenalty[i]) / (b - 1));
            }
            else TpprlObjective.Accumulate(theta, _tapes[i], objective[i] - mean, q, -1, _score[i]);
        });
        ascent.Clear();
        for (int i = 0; i < b; i++)
            for (int j = 0; j < p; j++) ascent[j] += _score[i][j];
        for (int j = 0; j < p; j++) ascent[j] /= b;
        if (policy.FixedZeroDecay) ascent[policy.Layout.W] = 0;
        return Summarize(b, objective, GlobalNorm.Norm(ascent));
    }

    /// <summary>Means of reward, penalty and objective of <paramref name="policy"/> over episodes (seed, 0..n−1).</summary>
    public BatchEstimate Evaluate(NeuralTppPolicy policy, int episodes, int seed)
    {
        Require.Positive(episodes, nameof(episodes));
        Rollouts(policy, episodes, seed);
        var objective = new double[episodes];
        for (int i = 0; i < episodes; i++) objective[i] = _rewards[i] - Options.Regularizers.Penalty(_terms[i]);
        return Summarize(episodes, objective, double.NaN);
    }

    private void Rollouts(NeuralTppPolicy policy, int n, int seed)
    {
        EnsureCapacity(policy.Layout, n);
        var par = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism };
        var theta = policy.ParameterArray;
        Parallel.For(0, n, par, i =>
        {
            _results[i] = EpisodeRunner.Run(_env, policy.RecordingInto(_tapes[i]), seed, i);
            _terms[i] = TpprlObjective.Evaluate(theta, _tapes[i]);
        });
        for (int i = 0; i < n; i++)   // after the loop: a bad metric name throws plainly
        {
            _metrics[i] = Metric(_results[i]);
            _rewards[i] = _metrics[i] - _price * _results[i].Actions;
        }
    }

    private BatchEstimate Summarize(int n, double[] objective, double gradientNorm)
    {
        double r = 0, o = 0, a = 0, integral = 0, m = 0;
        for (int i = 0; i < n; i++)
        {
            r += _rewards[i];
            o += objective[i];
            a += _results[i].Actions;
            integral += _terms[i].IntensityIntegral;
            m += _metrics[i];
        }
        double meanActions = a / n, squares = 0;
        for (int i = 0; i < n; i++) squares += (_results[i].Actions - meanActions) * (_results[i].Actions - meanActions);
        double se = n > 1 ? Math.Sqrt(squares / (n - 1) / n) : double.NaN;
        double meanObjective = o / n, objectiveSquares = 0;
        for (int i = 0; i < n; i++) objectiveSquares += (objective[i] - meanObjective) * (objective[i] - meanObjective);
        double objectiveSe = n > 1 ? Math.Sqrt(objectiveSquares / (n - 1) / n) : double.NaN;
        return new BatchEstimate(r / n, (r - o) / n, meanObjective, meanActions, integral / n, gradientNorm, m / n, se, objectiveSe);
    }

    /// <summary>The episode's <see cref="TrainerOptions.RewardMetric"/>; the reward is R = metric − price · actions, the
    /// price being ActionCost (or, while a budgeted Train runs, the dual price).</summary>
    private double Metric(EpisodeResult result)
    {
        if (!result.Metrics.TryGetValue(RewardMetric, out double metric))
            throw new InvalidOperationException($"environment '{_env.Name}' reports no metric '{RewardMetric}'; " +
                $"valid: {string.Join(", ", result.Metrics.Keys)}.");
        return metric;
    }

    private void EnsureCapacity(TpprlLayout layout, int n)
    {
        if (_tapes.Length >= n && _tapes[0].Layout.Equals(layout)) return;
        int size = Math.Max(n, _tapes.Length);
        _tapes = Enumerable.Range(0, size).Select(_ => new TpprlTape(layout)).ToArray();
        _results = new EpisodeResult[size];
        _rewards = new double[size];
        _metrics = new double[size];
        _terms = new EpisodeTerms[size];
        _score = Enumerable.Range(0, size).Select(_ => new double[layout.Length]).ToArray();
    }

    private static NeuralTppPolicy View(NeuralTppPolicy template, double[] theta) => template.With(theta, copy: false);
}
