using Kairos.Learning;

namespace Kairos.Reports;

/// <summary>The PNG of a <see cref="TrainingCurve"/>: batch reward and objective per iteration, with the held-out
/// objective where it was evaluated.</summary>
public static class TrainingCurvePlots
{
    public static byte[] ToPng(this TrainingCurve curve, string title)
    {
        var points = curve.Points;
        var it = points.Select(p => (double)p.Iteration).ToArray();
        var series = new List<(string, double[], double[])>
        {
            ("batch reward", it, points.Select(p => p.Reward).ToArray()),
            ("batch reward − penalty", it, points.Select(p => p.Objective).ToArray()),
        };
        var held = points.Where(p => !double.IsNaN(p.HeldOutObjective)).ToArray();
        if (held.Length > 0)
            series.Add(("held-out reward − penalty", held.Select(p => (double)p.Iteration).ToArray(), held.Select(p => p.HeldOutObjective).ToArray()));
        return Plots.Lines(title, "iteration", "mean per episode", series.ToArray());
    }

    public static void WritePng(this TrainingCurve curve, string path, string title) =>
        File.WriteAllBytes(path, curve.ToPng(title));
}
