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
        var reward = points.Select(p => p.Reward).ToArray();
        var objective = points.Select(p => p.Objective).ToArray();
        // Without a penalty the two batch series coincide: draw one, named for both.
        var series = reward.SequenceEqual(objective)
            ? new List<(string Name, double[] X, double[] Y)> { ("batch reward (= reward − penalty: no penalty)", it, reward) }
            : [("batch reward", it, reward), ("batch reward − penalty", it, objective)];
        var held = points.Where(p => !double.IsNaN(p.HeldOutObjective)).ToArray();
        if (held.Length > 0)
            series.Add(("held-out reward − penalty", held.Select(p => (double)p.Iteration).ToArray(), held.Select(p => p.HeldOutObjective).ToArray()));
        return Plots.Lines(title, "iteration", "mean per episode", series.ToArray(), symlogWhenSpanning: true);
    }

    public static void WritePng(this TrainingCurve curve, string path, string title) =>
        File.WriteAllBytes(path, curve.ToPng(title));
}
