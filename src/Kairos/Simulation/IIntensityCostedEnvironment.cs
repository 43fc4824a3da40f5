using System.Globalization;

namespace Kairos.Simulation;

/// <summary>
/// An environment scored, beside its reward, by TPPRL's objective reward − q/2 ∫₀ᵀ λ(t)² dt (Upadhyay et al. 2018,
/// eq. 3), the quantity its policies are trained for and its analytic optimum maximises. <see cref="EpisodeRunner"/>
/// integrates the square of the policy's intensity exactly, piece by piece between events
/// (<see cref="Decisions.ISquaredIntensityIntegral"/>), and adds the metrics <see cref="IntensityCost.Objective"/> and
/// <see cref="IntensityCost.Penalty"/> to the episode's; the environment declares them in its metrics (<see cref="IntensityCost.Metrics"/>).
/// </summary>
public interface IIntensityCostedEnvironment : IEnvironment
{
    /// <summary>q of the cost, or null when the environment was made without it (then it reports its reward only).</summary>
    double? IntensityCost { get; }
}

/// <summary>The two metrics of an <see cref="IIntensityCostedEnvironment"/>.</summary>
public static class IntensityCost
{
    public const string Objective = "objective";
    public const string Penalty = "penalty";

    public static IReadOnlyList<MetricDefinition> Metrics(double q, MetricDefinition reward)
    {
        string qText = q.ToString("G4", CultureInfo.InvariantCulture);
        return
        [
            new(Objective, reward.Unit, MetricDirection.HigherIsBetter,
                $"{reward.Name} − q/2 ∫λ(t)² dt with q = {qText}: what the policies are trained for and the analytic optimum maximises"),
            new(Penalty, reward.Unit, MetricDirection.LowerIsBetter, $"q/2 ∫λ(t)² dt with q = {qText}, from the policy's intensity"),
        ];
    }
}
