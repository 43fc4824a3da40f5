using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Learning;

/// <summary>The time-rescaling goodness-of-fit statistic of a process-level model over independent histories:
/// the residuals Λ(t_{k−1}, t_k] of every history (each on its own window [0, T_h]) pooled and tested against
/// Exp(1) by Kolmogorov–Smirnov (Brown et al. 2002). Its p-value is the plug-in one: exact only when the model was
/// not fitted to the same data (with fitted parameters it runs high; see <see cref="GoodnessOfFitBootstrap"/>).</summary>
public static class GoodnessOfFit
{
    public static KolmogorovSmirnov.Result TimeRescalingTest(IPointProcessModel model, IReadOnlyList<double[]> histories,
        IReadOnlyList<double> horizons)
    {
        if (histories.Count != horizons.Count)
            throw new ArgumentException($"got {CountText.Of(histories.Count, "history", "histories")} but {CountText.Of(horizons.Count, "horizon")}.", nameof(horizons));
        var residuals = new List<double>();
        for (int h = 0; h < histories.Count; h++) residuals.AddRange(model.Compensators(histories[h], horizons[h]));
        if (residuals.Count == 0) throw new ArgumentException("no events: the time-rescaling test needs at least one.", nameof(histories));
        return TimeRescaling.Test(residuals.ToArray());
    }
}
