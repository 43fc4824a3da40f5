using Kairos.PointProcesses;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Kairos.Learning;

/// <summary>
/// Maximum-likelihood fit of an exponential-kernel Hawkes process (<see cref="HawkesExpKernel"/>). Every free
/// parameter p &gt; 0 is optimised as θ = log p (so μ, α ≥ 0 and β &gt; 0 hold by construction) by MathNet's BFGS on
/// −log L / N with the analytic gradient (chain rule ∂/∂θ = p ∂/∂p). Standard errors come from the observed
/// information: the Hessian of −log L in the natural parameters, by central differences of the analytic gradient,
/// inverted (Ogata 1978: the MLE is asymptotically normal with that covariance).
/// One-dimensional data use <see cref="HawkesFastLikelihood"/>; multivariate data <see cref="HawkesLikelihood"/>.
/// </summary>
public static class HawkesFitter
{
    /// <summary>Fits a one-dimensional process to sorted <paramref name="times"/> observed on [0, horizon].</summary>
    public static HawkesFitResult Fit(ReadOnlySpan<double> times, double horizon, HawkesFitOptions? options = null) =>
        Fit(HawkesRealization.Univariate(times, horizon), options);

    /// <summary>Fits a D-dimensional process (D = <see cref="HawkesRealization.Dimension"/>).</summary>
    public static HawkesFitResult Fit(HawkesRealization data, HawkesFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= HawkesFitOptions.Default;
        if (data.Count == 0)
            throw new ArgumentException(
                "Unable to fit a Hawkes process because the history has no events; " +
                "the likelihood −μT is then maximised at μ = 0 and α, β are not identified. Please, supply at least one event.",
                nameof(data));
        if (options.FixedDecay is { } fd) Numerics.Require.Positive(fd, "FixedDecay");
        Numerics.Require.Positive(options.MaxIterations, nameof(options.MaxIterations));
        var start = InitialGuess(data, options);
        var layout = start.Layout;
        bool[] free = FreeSlots(layout, options.FixedDecay is not null);
        var p0 = start.ToFlat();
        double scale = data.Count;
        double bestF = double.PositiveInfinity;
        double[] best = p0;

        (double, Vector<double>) Objective(Vector<double> theta)
        {
            var p = ToNatural(theta, p0, free);
            var g = new double[layout.Count];
            double ll = Evaluate(layout, p, data, g);
            double f = double.IsFinite(ll) ? -ll / scale : double.MaxValue;
            if (f < bestF) { bestF = f; best = p; }
            var grad = Vector<double>.Build.Dense(theta.Count);
            for (int k = 0, m = 0; k < layout.Count; k++)
                if (free[k]) grad[m++] = double.IsFinite(ll) ? -g[k] * p[k] / scale : 0;
            return (f, grad);
        }

        var theta0 = Vector<double>.Build.Dense(free.Count(x => x));
        for (int k = 0, m = 0; k < layout.Count; k++) if (free[k]) theta0[m++] = Math.Log(p0[k]);
        var minimizer = new BfgsMinimizer(options.GradientTolerance, 1e-12, 1e-14, options.MaxIterations);
        int iterations;
        bool converged;
        string message;
        try
        {
            var r = minimizer.FindMinimum(ObjectiveFunction.Gradient(Objective), theta0);
            best = ToNatural(r.MinimizingPoint, p0, free);
            iterations = r.Iterations;
            converged = r.ReasonForExit is ExitCondition.AbsoluteGradient or ExitCondition.RelativeGradient
                or ExitCondition.StrongWolfeCriteria or ExitCondition.WeakWolfeCriteria;
            message = $"BFGS stopped: {r.ReasonForExit}.";
        }
        catch (Exception e) when (e is MaximumIterationsException or InnerOptimizationException)
        {
            // Not swallowed: reported as non-convergence, with the best point the objective saw.
            iterations = options.MaxIterations;
            converged = false;
            message = $"BFGS did not converge: {e.Message}";
        }
        var kernel = HawkesExpKernel.FromFlat(layout, best);
        var gradient = new double[layout.Count];
        double logLik = Evaluate(layout, best, data, gradient);
        var se = options.StandardErrors ? StandardErrors(layout, best, free, data) : NaNs(layout.Count);
        double rho = kernel.SpectralRadius();
        if (!(rho < 1))
            message += $" The fit is not stationary (spectral radius of alpha = {Numerics.Require.Fmt(rho)} >= 1); " +
                       "a decay near 0 means the kernel acts as a linear trend. Consider FixedDecay or a longer history.";
        return new HawkesFitResult(kernel, logLik, data.Count, iterations, converged, se, rho, message);
    }

    /// <summary>log L and its gradient in the natural parameters (flat layout).</summary>
    internal static double Evaluate(HawkesLayout layout, double[] p, HawkesRealization data, double[] gradient)
    {
        if (layout.Dimension == 1)
            return HawkesFastLikelihood.LogLikelihood(data.Times, data.Horizon, p[0], p[1], p[2], gradient);
        return HawkesLikelihood.LogLikelihood(HawkesExpKernel.FromFlat(layout, p), data, gradient);
    }

    private static double[] StandardErrors(HawkesLayout layout, double[] p, bool[] free, HawkesRealization data)
    {
        var idx = Enumerable.Range(0, layout.Count).Where(k => free[k]).ToArray();
        int m = idx.Length;
        var h = Matrix<double>.Build.Dense(m, m);
        var gp = new double[layout.Count];
        var gm = new double[layout.Count];
        for (int b = 0; b < m; b++)
        {
            int k = idx[b];
            double step = 1e-5 * Math.Max(p[k], 1e-8);   // relative step keeps p ± step > 0
            var pp = (double[])p.Clone(); pp[k] += step;
            var pm = (double[])p.Clone(); pm[k] -= step;
            Evaluate(layout, pp, data, gp);
            Evaluate(layout, pm, data, gm);
            for (int a = 0; a < m; a++) h[a, b] = -(gp[idx[a]] - gm[idx[a]]) / (2 * step);
        }
        h = (h + h.Transpose()) / 2;
        var se = NaNs(layout.Count);
        var cov = h.Inverse();
        for (int a = 0; a < m; a++) se[idx[a]] = cov[a, a] > 0 ? Math.Sqrt(cov[a, a]) : double.NaN;
        return se;
    }

    private static HawkesExpKernel InitialGuess(HawkesRealization data, HawkesFitOptions options)
    {
        int D = data.Dimension;
        double T = data.Horizon;
        if (options.Initial is { } init)
        {
            if (init.Dimension != D)
                throw new ArgumentException($"Initial has {init.Dimension} dimension(s) but the data has {D}.", nameof(options));
            return Reshape(init, options);
        }
        var mu = Enumerable.Range(0, D).Select(i => Math.Max(data.CountOf(i), 0.1) / (2 * T)).ToArray();
        var alpha = new double[D, D];
        for (int i = 0; i < D; i++) for (int j = 0; j < D; j++) alpha[i, j] = 0.3 / D;
        double beta = options.FixedDecay ?? data.Count / T;
        if (options.SharedDecay) return new HawkesExpKernel(mu, alpha, beta);
        var b = new double[D, D];
        for (int i = 0; i < D; i++) for (int j = 0; j < D; j++) b[i, j] = beta;
        return new HawkesExpKernel(mu, alpha, b);
    }

    /// <summary>The initial kernel with the requested decay structure and the fixed decay, if any.</summary>
    private static HawkesExpKernel Reshape(HawkesExpKernel k, HawkesFitOptions options)
    {
        int D = k.Dimension;
        var mu = Enumerable.Range(0, D).Select(i => Math.Max(k.Baseline(i), 1e-6)).ToArray();
        var alpha = new double[D, D];
        var beta = new double[D, D];
        for (int i = 0; i < D; i++)
            for (int j = 0; j < D; j++) { alpha[i, j] = Math.Max(k.Adjacency(i, j), 1e-6); beta[i, j] = options.FixedDecay ?? k.Decay(i, j); }
        return options.SharedDecay ? new HawkesExpKernel(mu, alpha, options.FixedDecay ?? k.Decay(0, 0)) : new HawkesExpKernel(mu, alpha, beta);
    }

    private static bool[] FreeSlots(HawkesLayout layout, bool decayFixed)
    {
        var free = new bool[layout.Count];
        for (int k = 0; k < layout.Count; k++) free[k] = !decayFixed || k < layout.Dimension * (layout.Dimension + 1);
        return free;
    }

    private static double[] ToNatural(Vector<double> theta, double[] p0, bool[] free)
    {
        var p = (double[])p0.Clone();
        for (int k = 0, m = 0; k < p.Length; k++) if (free[k]) p[k] = Math.Exp(Math.Clamp(theta[m++], -700, 700));   // finite and > 0
        return p;
    }

    private static double[] NaNs(int n) => Enumerable.Repeat(double.NaN, n).ToArray();
}
