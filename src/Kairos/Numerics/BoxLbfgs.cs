namespace Kairos.Numerics;

/// <summary>
/// Minimises a smooth function inside a box lo ≤ x ≤ hi by projected L-BFGS (Nocedal &amp; Wright, Numerical
/// Optimization, 2nd ed., Alg. 7.4 two-loop recursion; projection and active set as in Bertsekas' projected Newton
/// methods): coordinates at a bound whose gradient pushes outward are held fixed, the quasi-Newton direction is
/// built on the free ones, and a backtracking Armijo search runs along the projected path.
/// </summary>
public static class BoxLbfgs
{
    /// <summary>The result: the minimiser, its value, iterations taken and whether a stopping rule was met.</summary>
    public sealed record Result(double[] X, double Value, int Iterations, bool Converged);

    /// <param name="f">Value at x, writing the gradient into the span.</param>
    /// <param name="onIteration">Called after each iteration with its number and the value.</param>
    public static Result Minimize(Func<double[], Span<double>, double> f, double[] x0, double[] lo, double[] hi,
        int maxIterations = 200, double relativeTolerance = 1e-9, double gradientTolerance = 1e-6, int memory = 10,
        Action<int, double>? onIteration = null)
    {
        int n = x0.Length;
        if (lo.Length != n || hi.Length != n) throw new ArgumentException("bounds must have the length of x0.");
        var x = new double[n];
        for (int j = 0; j < n; j++) x[j] = Math.Clamp(x0[j], lo[j], hi[j]);
        var g = new double[n];
        double fx = f(x, g);
        var sHist = new List<double[]>();
        var yHist = new List<double[]>();
        var dir = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var free = new bool[n];
        int stalls = 0;
        for (int iter = 1; iter <= maxIterations; iter++)
        {
            double pg = 0;
            for (int j = 0; j < n; j++)
            {
                free[j] = !(x[j] <= lo[j] && g[j] > 0) && !(x[j] >= hi[j] && g[j] < 0);
                pg = Math.Max(pg, Math.Abs(Math.Clamp(x[j] - g[j], lo[j], hi[j]) - x[j]));
            }
            if (pg <= gradientTolerance) return new Result(x, fx, iter - 1, true);
            Direction(g, free, sHist, yHist, dir);
            double slope = 0;
            for (int j = 0; j < n; j++) slope += dir[j] * g[j];
            if (!(slope < 0))
            {
                for (int j = 0; j < n; j++) dir[j] = free[j] ? -g[j] : 0;
                sHist.Clear();
                yHist.Clear();
            }
            double step = sHist.Count == 0 ? 1 / Math.Max(1, Norm(dir)) : 1;
            double fNew = double.NaN;
            bool accepted = false;
            for (int tries = 0; tries < 40 && !accepted; tries++, step *= 0.5)
            {
                double decrease = 0;
                for (int j = 0; j < n; j++)
                {
                    xNew[j] = Math.Clamp(x[j] + step * dir[j], lo[j], hi[j]);
                    decrease += g[j] * (xNew[j] - x[j]);
                }
                fNew = f(xNew, gNew);
                accepted = double.IsFinite(fNew) && fNew <= fx + 1e-4 * decrease;
            }
            if (!accepted) return new Result(x, fx, iter, false);
            var s = new double[n];
            var y = new double[n];
            double sy = 0;
            for (int j = 0; j < n; j++) { s[j] = xNew[j] - x[j]; y[j] = gNew[j] - g[j]; sy += s[j] * y[j]; }
            if (sy > 1e-12)
            {
                sHist.Add(s);
                yHist.Add(y);
                if (sHist.Count > memory) { sHist.RemoveAt(0); yHist.RemoveAt(0); }
            }
            double change = fx - fNew;
            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            fx = fNew;
            onIteration?.Invoke(iter, fx);
            stalls = change <= relativeTolerance * Math.Max(1, Math.Abs(fx)) ? stalls + 1 : 0;
            if (stalls >= 3) return new Result(x, fx, iter, true);
        }
        return new Result(x, fx, maxIterations, false);
    }

    /// <summary>d = −H·g on the free coordinates (two-loop recursion with pairs restricted to them), 0 elsewhere.</summary>
    private static void Direction(double[] g, bool[] free, List<double[]> sHist, List<double[]> yHist, double[] dir)
    {
        int n = g.Length, m = sHist.Count;
        for (int j = 0; j < n; j++) dir[j] = free[j] ? -g[j] : 0;
        var alpha = new double[m];
        var rho = new double[m];
        for (int i = m - 1; i >= 0; i--)
        {
            double sy = Dot(sHist[i], yHist[i], free);
            rho[i] = sy > 1e-12 ? 1 / sy : 0;
            alpha[i] = rho[i] * Dot(sHist[i], dir, free);
            for (int j = 0; j < n; j++) if (free[j]) dir[j] -= alpha[i] * yHist[i][j];
        }
        if (m > 0)
        {
            double yy = Dot(yHist[m - 1], yHist[m - 1], free), sy = Dot(sHist[m - 1], yHist[m - 1], free);
            double gamma = sy > 0 && yy > 0 ? sy / yy : 1;
            for (int j = 0; j < n; j++) dir[j] *= gamma;
        }
        for (int i = 0; i < m; i++)
        {
            double beta = rho[i] * Dot(yHist[i], dir, free);
            for (int j = 0; j < n; j++) if (free[j]) dir[j] += sHist[i][j] * (alpha[i] - beta);
        }
    }

    private static double Dot(double[] a, double[] b, bool[] mask)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++) if (mask[j]) s += a[j] * b[j];
        return s;
    }

    private static double Norm(double[] a) => Math.Sqrt(a.Sum(v => v * v));
}
