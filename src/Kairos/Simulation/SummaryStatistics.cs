namespace Kairos.Simulation;

/// <summary>Mean, median and quartiles (linear interpolation, numpy's default) of a sample.</summary>
public sealed record SummaryStatistics(double Mean, double Median, double Q1, double Q3, int Count)
{
    public static SummaryStatistics Of(IEnumerable<double> values)
    {
        var s = values.Where(double.IsFinite).OrderBy(v => v).ToArray();
        if (s.Length == 0) return new SummaryStatistics(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        return new SummaryStatistics(s.Average(), Q(s, 0.5), Q(s, 0.25), Q(s, 0.75), s.Length);
    }

    private static double Q(double[] sorted, double p) => Kairos.Numerics.Quantiles.Linear(sorted, p);
}
