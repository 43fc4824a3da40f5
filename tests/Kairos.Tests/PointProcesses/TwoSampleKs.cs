using Kairos.Numerics;

namespace Kairos.Tests.PointProcesses;

/// <summary>Two-sample Kolmogorov–Smirnov test for comparing two samplers: D = sup |F_a − F_b|, p-value from the
/// library's Kolmogorov limit law at Stephens' argument with the effective size n_a·n_b/(n_a + n_b)
/// (Numerical Recipes §14.3). The library has no two-sample test because only tests compare two samplers.</summary>
internal static class TwoSampleKs
{
    public static KolmogorovSmirnov.Result Test(IEnumerable<double> first, IEnumerable<double> second)
    {
        var a = first.OrderBy(v => v).ToArray();
        var b = second.OrderBy(v => v).ToArray();
        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length && j < b.Length)
        {
            double t = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= t) i++;
            while (j < b.Length && b[j] <= t) j++;
            d = Math.Max(d, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        double sn = Math.Sqrt((double)a.Length * b.Length / (a.Length + b.Length));
        return new KolmogorovSmirnov.Result(d, KolmogorovSmirnov.LimitSurvival((sn + 0.12 + 0.11 / sn) * d), a.Length + b.Length);
    }
}
