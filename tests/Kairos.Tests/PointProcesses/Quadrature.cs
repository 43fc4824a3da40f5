namespace Kairos.Tests.PointProcesses;

/// <summary>Test-only quadrature oracle: composite Gauss–Legendre (MathNet, order 32) on equal sub-intervals, split
/// at the given kinks so that every sub-integrand is smooth.</summary>
internal static class Quadrature
{
    public static double Integrate(Func<double, double> f, double a, double b, IEnumerable<double>? kinks = null,
        int pieces = 64)
    {
        var cuts = new List<double> { a };
        if (kinks is not null) cuts.AddRange(kinks.Where(k => k > a && k < b).Order());
        cuts.Add(b);
        double sum = 0;
        for (int c = 0; c + 1 < cuts.Count; c++)
        {
            double lo = cuts[c], width = (cuts[c + 1] - lo) / pieces;
            for (int i = 0; i < pieces; i++)
                sum += MathNet.Numerics.Integrate.GaussLegendre(f, lo + i * width, lo + (i + 1) * width, 32);
        }
        return sum;
    }
}
