using Kairos.Decisions;

namespace Kairos.Simulation;

/// <summary>
/// ∫₀ᵀ λ(t)² dt of one episode's policy, summed exactly piece by piece: between two events the state's intensity is
/// one deterministic piece (<see cref="ISquaredIntensityIntegral"/>), so the runner closes the piece before the state
/// observes the next event, and the last one at the horizon. Scores an <see cref="IIntensityCostedEnvironment"/>'s
/// objective reward − q/2 ∫λ².
/// </summary>
internal sealed class SquaredIntensityMeter(ISquaredIntensityIntegral state, double q)
{
    private double _last, _integral;

    /// <summary>A meter when <paramref name="env"/> charges the intensity cost, else null; a policy whose state does not
    /// integrate its intensity cannot be scored there.</summary>
    public static SquaredIntensityMeter? For(IEnvironment env, IDeliveryPolicy policy, IPolicyState state) =>
        env is IIntensityCostedEnvironment { IntensityCost: { } q }
            ? new SquaredIntensityMeter(state as ISquaredIntensityIntegral ?? throw new PolicyContextException(
                $"policy '{policy.Name}' does not expose its intensity, so {env.Name}'s objective (reward − q/2∫λ²) cannot be computed for it"), q)
            : null;

    /// <summary>Closes the current piece at <paramref name="time"/> (the next event's time, before the state sees it).</summary>
    public void Until(double time)
    {
        _integral += state.SquaredIntensityIntegral(_last, time);
        _last = time;
    }

    /// <summary>The episode's metrics plus <see cref="IntensityCost.Objective"/> and <see cref="IntensityCost.Penalty"/>.</summary>
    public IReadOnlyDictionary<string, double> Score(double horizon, IReadOnlyDictionary<string, double> metrics, string reward)
    {
        Until(horizon);
        double penalty = q / 2 * _integral;
        return new Dictionary<string, double>(metrics)
        {
            [IntensityCost.Objective] = metrics[reward] - penalty, [IntensityCost.Penalty] = penalty,
        };
    }
}
