using Kairos.Numerics;

namespace Kairos.Learning;

/// <summary>
/// Closed-form maximum likelihood for a piecewise-constant hazard with known breakpoints b_0 = 0 &lt; b_1 &lt; …
/// (the last piece open to ∞). With N_j events and exposure E_j in piece j the log-likelihood is
/// ℓ(r) = Σ_j (N_j log r_j − r_j E_j) (a product of Poisson likelihoods; Holford 1976, "piecewise exponential"),
/// so r̂_j = N_j / E_j, −∂²ℓ/∂r_j² = N_j / r_j², SE(r̂_j) = √N_j / E_j, and the pieces are independent.
/// Two kinds of data: waiting times with right censoring (the <see cref="PointProcesses.PiecewiseConstantTime"/>
/// law of one gap) and event times of an inhomogeneous Poisson process on [0, T] (pieces in absolute time).
/// </summary>
public static class PiecewiseConstantFitter
{
    /// <summary>Fits waiting times: spell i lasted <paramref name="durations"/>[i] time units and ended in an event
    /// when <paramref name="observed"/>[i], otherwise it was censored (survived at least that long).</summary>
    public static PiecewiseConstantFit FitWaitingTimes(IReadOnlyList<double> breakpoints, ReadOnlySpan<double> durations,
        ReadOnlySpan<bool> observed)
    {
        CheckBreakpoints(breakpoints);
        if (durations.Length != observed.Length)
            throw new ArgumentException($"got {CountText.Of(durations.Length, "duration")} but {CountText.Of(observed.Length, "observed flag")}.", nameof(observed));
        var counts = new int[breakpoints.Count];
        var exposures = new double[breakpoints.Count];
        for (int i = 0; i < durations.Length; i++)
        {
            double d = durations[i];
            if (!double.IsFinite(d) || d < 0)
                throw new ArgumentOutOfRangeException(nameof(durations), d, $"durations[{i}] = {Require.Fmt(d)} must be finite and >= 0.");
            AddExposure(breakpoints, d, exposures);
            if (observed[i]) counts[Piece(breakpoints, d)]++;
        }
        return Finish(breakpoints, counts, exposures);
    }

    /// <summary>Fits an inhomogeneous Poisson process whose intensity is r_j on [b_j, b_{j+1}) in absolute time,
    /// from independent histories (sorted times) observed on [0, T_h].</summary>
    public static PiecewiseConstantFit FitProcess(IReadOnlyList<double> breakpoints, IReadOnlyList<double[]> histories,
        IReadOnlyList<double> horizons)
    {
        CheckBreakpoints(breakpoints);
        if (histories.Count != horizons.Count)
            throw new ArgumentException($"got {CountText.Of(histories.Count, "history", "histories")} but {CountText.Of(horizons.Count, "horizon")}.", nameof(horizons));
        var counts = new int[breakpoints.Count];
        var exposures = new double[breakpoints.Count];
        for (int h = 0; h < histories.Count; h++)
        {
            double T = horizons[h];
            if (!double.IsFinite(T) || T <= 0)
                throw new ArgumentOutOfRangeException(nameof(horizons), T, $"horizons[{h}] = {Require.Fmt(T)} must be finite and > 0.");
            double previous = 0;
            for (int i = 0; i < histories[h].Length; i++)
            {
                double t = histories[h][i];
                if (!double.IsFinite(t) || t < previous || t > T)
                    throw new ArgumentOutOfRangeException(nameof(histories), t,
                        $"history {h}, event {i}: time {Require.Fmt(t)} must be finite, >= the previous time {Require.Fmt(previous)} and <= the horizon {Require.Fmt(T)}.");
                counts[Piece(breakpoints, t)]++;
                previous = t;
            }
            AddExposure(breakpoints, T, exposures);
        }
        return Finish(breakpoints, counts, exposures);
    }

    private static PiecewiseConstantFit Finish(IReadOnlyList<double> breakpoints, int[] counts, double[] exposures)
    {
        int m = breakpoints.Count;
        var rates = new double[m];
        var se = new double[m];
        double logLik = 0;
        for (int j = 0; j < m; j++)
        {
            if (!(exposures[j] > 0))
                throw new ArgumentException(
                    $"piece {j} (from {Require.Fmt(breakpoints[j])}) has no exposure: no spell or window reaches it, so its rate " +
                    "is not identified. Please, drop that breakpoint or supply longer observations.", nameof(breakpoints));
            rates[j] = counts[j] / exposures[j];
            se[j] = counts[j] > 0 ? Math.Sqrt(counts[j]) / exposures[j] : double.NaN;
            if (counts[j] > 0) logLik += counts[j] * Math.Log(rates[j]);   // N log r̂ − r̂ E, with 0 log 0 = 0
            logLik -= rates[j] * exposures[j];
        }
        return new PiecewiseConstantFit(breakpoints.ToArray(), rates, se, counts, exposures, logLik);
    }

    /// <summary>Adds the overlap of [0, d] with each piece [b_j, b_{j+1}) to the exposures.</summary>
    private static void AddExposure(IReadOnlyList<double> b, double d, double[] exposures)
    {
        for (int j = 0; j < b.Count && b[j] < d; j++)
            exposures[j] += Math.Min(d, j + 1 < b.Count ? b[j + 1] : double.PositiveInfinity) - b[j];
    }

    /// <summary>The piece [b_j, b_{j+1}) holding τ ≥ 0 (left-closed, as <see cref="PointProcesses.PiecewiseConstantTime"/>).</summary>
    private static int Piece(IReadOnlyList<double> b, double tau)
    {
        int j = 0;
        while (j + 1 < b.Count && b[j + 1] <= tau) j++;
        return j;
    }

    private static void CheckBreakpoints(IReadOnlyList<double> breakpoints)
    {
        ArgumentNullException.ThrowIfNull(breakpoints);
        var b = breakpoints;
        if (b.Count == 0 || b[0] != 0)
            throw new ArgumentOutOfRangeException(nameof(breakpoints), "breakpoints must start with b_0 = 0.");
        for (int j = 1; j < b.Count; j++)
            if (!double.IsFinite(b[j]) || !(b[j] > b[j - 1]))
                throw new ArgumentOutOfRangeException(nameof(breakpoints), b[j],
                    $"breakpoints must be finite and strictly increasing, but breakpoints[{j}] = {Require.Fmt(b[j])} follows {Require.Fmt(b[j - 1])}.");
    }
}
