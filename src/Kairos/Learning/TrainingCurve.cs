using System.Globalization;
using System.Text;
using Kairos.Reports;

namespace Kairos.Learning;

/// <summary>The training curve of a run, written as CSV (invariant culture) and as a PNG plot.</summary>
public sealed class TrainingCurve(IReadOnlyList<TrainingPoint> points)
{
    public IReadOnlyList<TrainingPoint> Points { get; } = points;

    public string ToCsv()
    {
        var sb = new StringBuilder("iteration,reward,objective,actions,learning_rate,gradient_norm,heldout_objective\n");
        foreach (var p in Points)
            sb.Append(CultureInfo.InvariantCulture,
                $"{p.Iteration},{p.Reward:R},{p.Objective:R},{p.Actions:R},{p.LearningRate:R},{p.GradientNorm:R},{(double.IsNaN(p.HeldOutObjective) ? "" : p.HeldOutObjective.ToString("R", CultureInfo.InvariantCulture))}\n");
        return sb.ToString();
    }

    public void WriteCsv(string path) => File.WriteAllText(path, ToCsv());

    /// <summary>Batch reward and objective per iteration, with the held-out objective where evaluated.</summary>
    public byte[] ToPng(string title)
    {
        var it = Points.Select(p => (double)p.Iteration).ToArray();
        var series = new List<(string, double[], double[])>
        {
            ("batch reward", it, Points.Select(p => p.Reward).ToArray()),
            ("batch reward − penalty", it, Points.Select(p => p.Objective).ToArray()),
        };
        var held = Points.Where(p => !double.IsNaN(p.HeldOutObjective)).ToArray();
        if (held.Length > 0)
            series.Add(("held-out reward − penalty", held.Select(p => (double)p.Iteration).ToArray(), held.Select(p => p.HeldOutObjective).ToArray()));
        return Plots.Lines(title, "iteration", "mean per episode", series.ToArray());
    }

    public void WritePng(string path, string title) => File.WriteAllBytes(path, ToPng(title));
}
