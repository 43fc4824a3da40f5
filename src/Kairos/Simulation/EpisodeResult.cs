using Kairos.PointProcesses;

namespace Kairos.Simulation;

/// <summary>The outcome of one episode: number of own actions, the environment's metrics (incl. "reward"),
/// and the merged event history when it was recorded.</summary>
public sealed record EpisodeResult(int Actions, IReadOnlyDictionary<string, double> Metrics, History? Events)
{
    public double Reward => Metrics.TryGetValue("reward", out var r) ? r : double.NaN;
}
