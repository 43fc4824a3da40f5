using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// Two features per event that locate it relative to the episode's end: the elapsed fraction t/T and the time to
/// the deadline on a log scale, u = ln((T + ε)/(T − t + ε)) / ln((T + ε)/ε) ∈ [0, 1] with ε = <see cref="Resolution"/>·T.
/// <para>Why the log scale: when the reward is measured at (or after) T, a good policy may need an intensity that rises
/// by orders of magnitude over the last hours (e.g. spaced repetition's cram-like schedules). Through t/T that takes
/// a very steep function of an input squeezed into [0.93, 1]; through u the last day of a 14-day episode spans about
/// half of [0, 1], so λ ∝ (T − t + ε)^{−κ} is linear in u. The feature does not say which way to go: the weights (and
/// κ's sign) are learned.</para>
/// </summary>
public sealed class DeadlineFeatures : IEventFeatures
{
    /// <summary>ε/T: one hour of a 14-day episode.</summary>
    public const double Resolution = 1.0 / (24 * 14);

    public string Name => "deadline";
    public int Count => 2;
    public bool RequiresHorizon => true;

    public void Write(in Event e, PolicyContext context, Span<double> destination)
    {
        double x = context.ElapsedFraction(e.Time, Name);
        destination[0] = x;
        destination[1] = Math.Log((1 + Resolution) / (1 - x + Resolution)) / Math.Log((1 + Resolution) / Resolution);
    }
}
