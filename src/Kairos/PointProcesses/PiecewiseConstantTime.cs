using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// Waiting time under a piecewise-constant hazard: h(τ) = r_j on [b_j, b_{j+1}), with b_0 = 0 and the last rate
/// extending to ∞. Λ is piecewise linear: Λ(τ) = Λ(b_j) + r_j·(τ − b_j). A final rate of 0 makes Λ(∞) finite, so the
/// process can die out (<see cref="Sample"/> returns +∞ with probability e^{−Λ(∞)}).
/// </summary>
public sealed class PiecewiseConstantTime : TimeDistribution
{
    private readonly double[] _breakpoints;
    private readonly double[] _rates;
    private readonly double[] _cumulative;   // Λ(b_j)

    /// <param name="breakpoints">b_j, time unit: b_0 = 0, strictly increasing, finite.</param>
    /// <param name="rates">r_j ≥ 0, finite, events per time unit; same length as the breakpoints.</param>
    public PiecewiseConstantTime(double[] breakpoints, double[] rates)
    {
        ArgumentNullException.ThrowIfNull(breakpoints);
        ArgumentNullException.ThrowIfNull(rates);
        if (breakpoints.Length == 0)
            throw new ArgumentOutOfRangeException(nameof(breakpoints), "breakpoints must hold at least b_0 = 0.");
        if (rates.Length != breakpoints.Length)
            throw new ArgumentOutOfRangeException(nameof(rates), rates.Length,
                $"rates must have one entry per breakpoint ({breakpoints.Length}), got {rates.Length}.");
        if (breakpoints[0] != 0)
            throw new ArgumentOutOfRangeException(nameof(breakpoints), breakpoints[0],
                $"breakpoints[0] must be 0, got {Require.Fmt(breakpoints[0])}.");
        _breakpoints = (double[])breakpoints.Clone();
        _rates = new double[rates.Length];
        _cumulative = new double[rates.Length];
        for (int j = 0; j < rates.Length; j++)
        {
            _rates[j] = Require.NonNegative(rates[j], $"rates[{j}]");
            if (j == 0) continue;
            double b = Require.Finite(_breakpoints[j], $"breakpoints[{j}]");
            if (!(b > _breakpoints[j - 1]))
                throw new ArgumentOutOfRangeException(nameof(breakpoints), b,
                    $"breakpoints must be strictly increasing, but breakpoints[{j}] = {Require.Fmt(b)} follows " +
                    $"{Require.Fmt(_breakpoints[j - 1])}.");
            _cumulative[j] = _cumulative[j - 1] + _rates[j - 1] * (b - _breakpoints[j - 1]);
        }
    }

    /// <summary>b_j, the start of each piece (b_0 = 0).</summary>
    public IReadOnlyList<double> Breakpoints => _breakpoints;

    /// <summary>r_j, the hazard on each piece.</summary>
    public IReadOnlyList<double> Rates => _rates;

    public override double TotalCumulativeHazard =>
        _rates[^1] > 0 ? double.PositiveInfinity : _cumulative[^1];

    /// <summary>Index j of the piece [b_j, b_{j+1}) that holds τ ≥ 0.</summary>
    private int Piece(double tau)
    {
        int i = Array.BinarySearch(_breakpoints, tau);
        return i >= 0 ? i : ~i - 1;
    }

    public override double Hazard(double tau)
    {
        CheckTime(tau);
        return tau < 0 ? 0 : _rates[Piece(tau)];
    }

    public override double CumulativeHazard(double tau)
    {
        CheckTime(tau);
        if (tau <= 0) return 0;
        if (double.IsPositiveInfinity(tau)) return TotalCumulativeHazard;
        int j = Piece(tau);
        return _cumulative[j] + _rates[j] * (tau - _breakpoints[j]);
    }

    /// <summary>The smallest τ with Λ(τ) = L: the last piece whose start has Λ(b_j) &lt; L, then linear inversion;
    /// +∞ when L ≥ Λ(∞).</summary>
    public override double InverseCumulativeHazard(double cumulativeHazard)
    {
        CheckCumulativeHazard(cumulativeHazard);
        double L = cumulativeHazard;
        if (L == 0) return 0;
        int lo = 0, hi = _cumulative.Length - 1;   // find the largest j with Λ(b_j) < L
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_cumulative[mid] < L) lo = mid; else hi = mid - 1;
        }
        double rate = _rates[lo];
        if (rate == 0) return double.PositiveInfinity;   // only the last piece: L lies beyond Λ(∞)
        double tau = _breakpoints[lo] + (L - _cumulative[lo]) / rate;
        // Rounding can push τ past the end of the piece by an ulp; Λ is continuous, so clamp.
        return lo + 1 < _breakpoints.Length ? Math.Min(tau, _breakpoints[lo + 1]) : tau;
    }

    public override double LogDensity(double tau)
    {
        CheckTime(tau);
        if (tau < 0 || double.IsPositiveInfinity(tau)) return double.NegativeInfinity;
        return Math.Log(_rates[Piece(tau)]) - CumulativeHazard(tau);
    }

    public override string ToString() =>
        $"PiecewiseConstantTime(b=[{string.Join(", ", _breakpoints.Select(F))}], r=[{string.Join(", ", _rates.Select(F))}])";
}
