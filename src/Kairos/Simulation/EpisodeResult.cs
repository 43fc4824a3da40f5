using Kairos.PointProcesses;

namespace Kairos.Simulation;

/// <summary>The outcome of one episode: number of own actions, the environment's metrics, the value of its reward
/// metric, the number of choice decisions taken at opportunities, and the merged event history when it was recorded.</summary>
public sealed record EpisodeResult(int Actions, IReadOnlyDictionary<string, double> Metrics, double Reward, History? Events,
    int Decisions = 0);
