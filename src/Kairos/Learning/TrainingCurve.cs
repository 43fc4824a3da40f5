using System.Globalization;
using System.Text;

namespace Kairos.Learning;

/// <summary>The training curve of a run, written as CSV (invariant culture); Kairos.Reports draws it.</summary>
public sealed class TrainingCurve(IReadOnlyList<TrainingPoint> points)
{
    public IReadOnlyList<TrainingPoint> Points { get; } = points;

    public string ToCsv()
    {
        var sb = new StringBuilder("iteration,reward,objective,actions,learning_rate,gradient_norm,heldout_objective,action_price\n");
        foreach (var p in Points)
            sb.Append(CultureInfo.InvariantCulture,
                $"{p.Iteration},{p.Reward:R},{p.Objective:R},{p.Actions:R},{p.LearningRate:R},{p.GradientNorm:R},{(double.IsNaN(p.HeldOutObjective) ? "" : p.HeldOutObjective.ToString("R", CultureInfo.InvariantCulture))},{p.ActionPrice:R}\n");
        return sb.ToString();
    }

    public void WriteCsv(string path) => File.WriteAllText(path, ToCsv());
}
