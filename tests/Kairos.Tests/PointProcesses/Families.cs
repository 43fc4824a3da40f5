using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>The parameter grid shared by the property and sampler tests: every family, with extremes (ω within 1e-12
/// of 0 and exactly 0, c = ±50, extinction regimes, singular Burr hazard at 0).</summary>
internal static class Families
{
    public static readonly IReadOnlyDictionary<string, TimeDistribution> All = new Dictionary<string, TimeDistribution>
    {
        ["poisson-0.5"] = new PoissonTime(0.5),
        ["poisson-3"] = new PoissonTime(3),
        ["poisson-1e-3"] = new PoissonTime(1e-3),
        ["piecewise"] = new PiecewiseConstantTime([0, 1, 2.5, 4], [0.5, 2, 0, 1.5]),
        ["piecewise-extinct"] = new PiecewiseConstantTime([0, 1, 3], [1, 0.2, 0]),
        ["exp-0-0"] = new ExponentialInTime(0, 0),
        ["exp-omega+1e-13"] = new ExponentialInTime(0.3, 1e-13),
        ["exp-omega-1e-13"] = new ExponentialInTime(0.3, -1e-13),
        ["exp-omega+1e-12"] = new ExponentialInTime(-0.4, 1e-12),
        ["exp-omega-1e-12"] = new ExponentialInTime(0, -1e-12),
        ["exp-rising"] = new ExponentialInTime(1, 0.7),
        ["exp-decaying"] = new ExponentialInTime(1, -0.7),
        ["exp-extinct"] = new ExponentialInTime(-0.5, -1.2),
        ["exp-mostly-extinct"] = new ExponentialInTime(-2, -3),
        ["exp-c+50"] = new ExponentialInTime(50, 0.1),
        ["exp-c+50-decay"] = new ExponentialInTime(50, -1e3),
        ["exp-c-50"] = new ExponentialInTime(-50, 2),
        ["burr-std"] = new BurrXII(2, 1.5, 0.8),
        ["burr-singular"] = new BurrXII(1, 0.5, 2),
        ["burr-heavy"] = new BurrXII(0.3, 3, 0.2),
        ["burr-lomax"] = new BurrXII(5, 1, 1),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys) data.Add(name);
        return data;
    }

    public static IEnumerable<double> Kinks(TimeDistribution d) => d is PiecewiseConstantTime p ? p.Breakpoints : [];

    /// <summary>∫₀^τ h by quadrature (see <see cref="IntegrateFromZero"/>).</summary>
    public static double IntegratedHazard(TimeDistribution d, double tau) => IntegrateFromZero(d, d.Hazard, tau);

    /// <summary>∫₀^τ g for an integrand g of family d's shape: on [0, a] directly — for Burr XII in the variable s
    /// with τ' = a·s^{1/c}, which removes the τ^{c−1} singularity at 0 when 1/c is an integer, as on the grid —
    /// and on [a, τ] in the variable ln τ', so that heavy tails spanning decades stay smooth (a = the median).</summary>
    public static double IntegrateFromZero(TimeDistribution d, Func<double, double> g, double tau)
    {
        double a = d.InverseCdf(0.5);
        if (!double.IsFinite(a) || a <= 0 || a >= tau / 8 || d is not BurrXII) a = tau;
        double head = d is BurrXII { Shape: < 1 } b
            ? Quadrature.Integrate(s => s == 0 ? 0 : g(a * Math.Pow(s, 1 / b.Shape)) * a / b.Shape * Math.Pow(s, 1 / b.Shape - 1), 0, 1)
            : Quadrature.Integrate(g, 0, a, Kinks(d));
        double tail = a < tau ? Quadrature.Integrate(s => g(Math.Exp(s)) * Math.Exp(s), Math.Log(a), Math.Log(tau)) : 0;
        return head + tail;
    }

    /// <summary>Test times: quantiles that the family reaches plus fixed points.</summary>
    public static IEnumerable<double> Times(TimeDistribution d)
    {
        foreach (var p in new[] { 1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 0.999999 })
        {
            double t = d.InverseCdf(p);
            if (double.IsFinite(t) && t > 0) yield return t;
        }
        foreach (var t in new[] { 0.25, 1.7, 3.1 }) yield return t;
    }
}
