using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>One feature per event: the elapsed fraction of the window (t − origin)/T ∈ [0, 1], so a learned policy
/// can plan towards the horizon (e.g. a test at T + τ). Needs a horizon.</summary>
public sealed class ElapsedTimeFeatures : IEventFeatures
{
    public string Name => "elapsed-time";
    public int Count => 1;
    public bool RequiresHorizon => true;
    public void Write(in Event e, PolicyContext context, Span<double> destination) =>
        destination[0] = context.ElapsedFraction(e.Time, Name);
}
