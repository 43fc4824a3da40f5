namespace Kairos.Simulation;

/// <summary>Mean, median and quartiles (linear interpolation, numpy's default) of a sample, and the standard error of
/// the mean (sample standard deviation / √n; NaN below two values).</summary>
public sealed record SummaryStatistics(double Mean, double Median, double Q1, double Q3, int Count, double StandardError = double.NaN)
{
    public static SummaryStatistics Of(IEnumerable<double> values)
    {
        var s = values.Where(double.IsFinite).OrderBy(v => v).ToArray();
        if (s.Length == 0) return new SummaryStatistics(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        double mean = s.Average();
        double se = s.Length < 2 ? double.NaN : Math.Sqrt(s.Sum(v => (v - mean) * (v - mean)) / (s.Length - 1) / s.Length);
        return new SummaryStatistics(mean, Q(s, 0.5), Q(s, 0.25), Q(s, 0.75), s.Length, se);
    }

    private static double Q(double[] sorted, double p) => Kairos.Numerics.Quantiles.Linear(sorted, p);
}
