using Kairos.PointProcesses;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Kairos.Learning;

/// <summary>
/// Maximum-likelihood fitting of the process-level families over one or more independent histories that share
/// parameters (log-likelihoods summed), each on its own horizon; empty histories count (their −∫λ). poisson has the closed form r̂ = N / Σ T_h with SE r̂/√N; exp, hawkes and
/// heavytail use MathNet's BFGS on −ℓ/N with the models' analytic gradients, positive parameters in log space and
/// exp's t0 held fixed (only c − ω t0 is identified). Standard errors come from the observed information: the
/// inverse of −∇²ℓ at the estimate, the Hessian by central differences of the analytic gradient.
/// </summary>
public sealed class PointProcessFitter
{
    private enum Transform { Fixed, Identity, Log }

    public PointProcessFitter(PointProcessFitOptions? options = null) => Options = options ?? PointProcessFitOptions.Default;

    public PointProcessFitOptions Options { get; }

    public FitResult Fit(PointProcessFamily family, double[] times, double horizon) => Fit(family, [times], [horizon]);

    /// <summary>Fits user logs, each on its own window in time relative to the window start (users without events
    /// contribute their −∫λ), keeping the events of <paramref name="kinds"/> (every kind when null).</summary>
    public FitResult Fit(PointProcessFamily family, IReadOnlyList<UserLog> logs, IReadOnlyCollection<EventKind>? kinds = null) =>
        Fit(family, logs.Select(l => l.RelativeTimes(kinds)).ToArray(), logs.Select(l => l.Window.Duration).ToArray());

    public FitResult Fit(PointProcessFamily family, IReadOnlyList<double[]> histories, IReadOnlyList<double> horizons)
    {
        if (histories.Count != horizons.Count)
            throw new ArgumentException($"got {CountText.Of(histories.Count, "history", "histories")} but {CountText.Of(horizons.Count, "horizon")}.", nameof(horizons));
        for (int h = 0; h < histories.Count; h++) EventTimesCheck(histories[h], horizons[h], h, family);
        int n = histories.Sum(h => h.Length);
        double exposure = horizons.Sum();
        if (n == 0) throw new ArgumentException("cannot fit a model to zero events; the histories are empty.", nameof(histories));
        if (exposure <= 0) throw new ArgumentException("the total observation time (sum of horizons) must be > 0.", nameof(horizons));
        var spec = PointProcessFamilies.Get(family);
        if (family == PointProcessFamily.Poisson)
        {
            double rate = n / exposure;
            var model = spec.Create(rate);
            return new FitResult(family, spec.ParameterNames.ToList(), [rate], [rate / Math.Sqrt(n)],
                SumLogLikelihood(model, histories, horizons, new double[1]), n, 0, true, "closed form N / T");
        }
        if (family == PointProcessFamily.Hawkes && histories.Count == 1) return FitHawkes(histories[0], horizons[0]);
        var transforms = Transforms(family);
        FitResult? best = null;
        foreach (var start in Starts(family, histories, n, exposure))
        {
            var fit = Optimise(spec, transforms, start, histories, horizons, n);
            if (best is null || (fit.LogLikelihood > best.LogLikelihood && double.IsFinite(fit.LogLikelihood))) best = fit;
        }
        return best!;
    }

    /// <summary>One history: <see cref="HawkesFitter"/> (BFGS in log space, observed-information SEs). Several
    /// histories sharing parameters use the generic path below with the same likelihood.</summary>
    private FitResult FitHawkes(double[] times, double horizon)
    {
        var r = HawkesFitter.Fit(times, horizon, new HawkesFitOptions(MaxIterations: Options.MaxIterations));
        var k = r.Kernel;
        return new FitResult(PointProcessFamily.Hawkes, ["mu", "alpha", "beta"], [k.Baseline(0), k.Adjacency(0, 0), k.Decay(0, 0)],
            r.StandardErrors.ToArray(), r.LogLikelihood, r.EventCount, r.Iterations, r.Converged, $"HawkesFitter: {r.Message}");
    }

    /// <summary>Σ_h ℓ(model; history h, T_h), its gradient in the model's parameters written to <paramref name="gradient"/>.</summary>
    public static double SumLogLikelihood(IPointProcessModel model, IReadOnlyList<double[]> histories,
        IReadOnlyList<double> horizons, Span<double> gradient)
    {
        gradient.Clear();
        Span<double> g = stackalloc double[gradient.Length];
        double sum = 0;
        for (int h = 0; h < histories.Count; h++)
        {
            sum += model.LogLikelihood(histories[h], horizons[h], g);
            for (int j = 0; j < g.Length; j++) gradient[j] += g[j];
        }
        return sum;
    }

    private FitResult Optimise(PointProcessFamilySpec spec, Transform[] transforms, double[] start,
        IReadOnlyList<double[]> histories, IReadOnlyList<double> horizons, int n)
    {
        int[] free = Enumerable.Range(0, transforms.Length).Where(i => transforms[i] != Transform.Fixed).ToArray();
        var theta0 = Vector<double>.Build.Dense(free.Select(i => ToFree(start[i], transforms[i])).ToArray());
        double[] Natural(Vector<double> theta)
        {
            var p = (double[])start.Clone();
            for (int j = 0; j < free.Length; j++) p[free[j]] = transforms[free[j]] == Transform.Log ? Math.Exp(theta[j]) : theta[j];
            return p;
        }
        var bestTheta = theta0;
        double bestValue = double.PositiveInfinity;
        var objective = ObjectiveFunction.Gradient(theta =>
        {
            var p = Natural(theta);
            var grad = new double[p.Length];
            double ll = TryLogLikelihood(spec, p, histories, horizons, grad);
            var g = Vector<double>.Build.Dense(free.Length);
            if (!double.IsFinite(ll) || grad.Any(v => !double.IsFinite(v)))
            {
                // Outside the model's domain (overflow, invalid value): a steep finite wall back towards the start,
                // so that the line search shortens its step instead of failing on a non-finite value.
                var d = theta - theta0;
                return (1e10 * (1 + d.DotProduct(d)), 2e10 * d);
            }
            for (int j = 0; j < free.Length; j++)
                g[j] = -grad[free[j]] * (transforms[free[j]] == Transform.Log ? p[free[j]] : 1) / n;
            double value = -ll / n;
            if (value < bestValue) { bestValue = value; bestTheta = theta.Clone(); }
            return (value, g);
        });
        int iterations = 0;
        string message;
        try
        {
            var result = new BfgsMinimizer(Options.GradientTolerance, 1e-12, 1e-14, Options.MaxIterations).FindMinimum(objective, theta0);
            iterations = result.Iterations;
            message = result.ReasonForExit.ToString();
        }
        catch (Exception e) when (e is MaximumIterationsException or OptimizationException or ArithmeticException)
        {
            // BFGS stopped early (line-search failure near a flat optimum is common); keep the best point it visited
            // and let the gradient check below decide whether it is an optimum.
            message = $"BFGS stopped: {e.Message}";
            iterations = Options.MaxIterations;
        }
        var estimate = Natural(bestTheta);
        var gradient = new double[estimate.Length];
        double logLik = TryLogLikelihood(spec, estimate, histories, horizons, gradient);
        double scaledGradient = free.Select(i => Math.Abs(gradient[i] * (transforms[i] == Transform.Log ? estimate[i] : 1)) / n).DefaultIfEmpty(0).Max();
        bool converged = double.IsFinite(logLik) && scaledGradient < 1e-4;
        var se = StandardErrors(spec, estimate, free, transforms, histories, horizons);
        return new FitResult(spec.Family, spec.ParameterNames.ToList(), estimate, se, logLik, n, iterations, converged,
            $"{message}; max |∂ℓ/∂θ|/N = {scaledGradient:G3}");
    }

    /// <summary>SE_j = sqrt([(−∇²ℓ)⁻¹]_jj) over the free parameters, Hessian by central differences of ∇ℓ.</summary>
    private static double[] StandardErrors(PointProcessFamilySpec spec, double[] p, int[] free, Transform[] transforms,
        IReadOnlyList<double[]> histories, IReadOnlyList<double> horizons)
    {
        var se = Enumerable.Repeat(double.NaN, p.Length).ToArray();
        int m = free.Length;
        var info = Matrix<double>.Build.Dense(m, m);
        var gPlus = new double[p.Length];
        var gMinus = new double[p.Length];
        for (int a = 0; a < m; a++)
        {
            int i = free[a];
            double h = 1e-5 * (transforms[i] == Transform.Log ? p[i] : Math.Max(1, Math.Abs(p[i])));
            var up = (double[])p.Clone(); up[i] += h;
            var down = (double[])p.Clone(); down[i] -= h;
            double l1 = TryLogLikelihood(spec, up, histories, horizons, gPlus);
            double l2 = TryLogLikelihood(spec, down, histories, horizons, gMinus);
            if (!double.IsFinite(l1) || !double.IsFinite(l2)) return se;
            for (int b = 0; b < m; b++) info[a, b] = -(gPlus[free[b]] - gMinus[free[b]]) / (2 * h);
        }
        info = (info + info.Transpose()) / 2;
        if (info.Enumerate().Any(v => !double.IsFinite(v))) return se;
        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> cholesky;
        try { cholesky = info.Cholesky(); }
        catch (ArgumentException) { return se; }   // not positive definite: a boundary or flat optimum, no SE
        var covariance = cholesky.Solve(Matrix<double>.Build.DenseIdentity(m));
        for (int a = 0; a < m; a++) se[free[a]] = Math.Sqrt(covariance[a, a]);
        return se;
    }

    private static double TryLogLikelihood(PointProcessFamilySpec spec, double[] p, IReadOnlyList<double[]> histories,
        IReadOnlyList<double> horizons, double[] gradient)
    {
        IPointProcessModel model;
        try { model = spec.Create(p); }
        catch (ArgumentOutOfRangeException) { return double.NaN; }   // e.g. exp(θ) underflowed to 0
        return SumLogLikelihood(model, histories, horizons, gradient);
    }

    private Transform[] Transforms(PointProcessFamily family) => family switch
    {
        PointProcessFamily.Exp => [Transform.Identity, Transform.Identity, Transform.Fixed],
        _ => [Transform.Log, Transform.Log, Transform.Log],
    };

    private IEnumerable<double[]> Starts(PointProcessFamily family, IReadOnlyList<double[]> histories, int n, double exposure)
    {
        double rate = n / exposure;
        switch (family)
        {
            case PointProcessFamily.Exp:
                yield return [Math.Log(rate) + 0, 0, Options.ExpT0];
                break;
            case PointProcessFamily.Hawkes:
                yield return [0.5 * rate, 0.5, rate];
                yield return [0.5 * rate, 0.5, 10 * rate];
                break;
            default:
                var gaps = histories.SelectMany(Gaps).Where(g => g > 0).OrderBy(g => g).ToArray();
                double median = gaps.Length == 0 ? 1 / rate : gaps[gaps.Length / 2];
                yield return [median, 1, 1];
                break;
        }
    }

    private static IEnumerable<double> Gaps(double[] times)
    {
        double previous = 0;
        foreach (var t in times) { yield return t - previous; previous = t; }
    }

    private static double ToFree(double value, Transform t) => t == Transform.Log ? Math.Log(value) : value;

    private static void EventTimesCheck(double[] times, double horizon, int index, PointProcessFamily family)
    {
        if (!double.IsFinite(horizon) || horizon <= 0)
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"history {index}: horizon must be finite and > 0, got {horizon}.");
        double previous = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double t = times[i];
            bool tie = family == PointProcessFamily.HeavyTail && t <= previous;   // log f(0) = ±∞ for Burr XII (c ≠ 1), never differentiable in c
            if (!double.IsFinite(t) || t < previous || t > horizon || tie)
                throw new ArgumentOutOfRangeException(nameof(times), t,
                    $"history {index}, event {i}: time {t} must be finite, {(tie ? "> (heavytail needs distinct positive times)" : ">=")} the previous time {previous} and <= the horizon {horizon}.");
            previous = t;
        }
    }
}
