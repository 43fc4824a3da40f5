using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Policies;

/// <summary>One feature per event: the elapsed fraction of the episode t/T ∈ [0, 1], so a learned policy can
/// plan towards the horizon (e.g. a test at T + τ).</summary>
public sealed class ElapsedTimeFeatures : IEventFeatures
{
    public string Name => "elapsed-time";
    public int Count => 1;
    public void Write(in Event e, EpisodeSpec spec, Span<double> destination) =>
        destination[0] = spec.Horizon > 0 ? e.Time / spec.Horizon : 0;
}
