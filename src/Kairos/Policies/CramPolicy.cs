using System.Globalization;
using Kairos.Numerics;
using Kairos.Simulation;

namespace Kairos.Policies;

/// <summary>
/// Spends the whole budget in the last <see cref="Window"/> before T, round-robin over the items. In the TPPRL
/// student model there is no spacing effect (each recalled review multiplies n_i by 1 − α whatever the gap), so
/// reviewing late is nearly optimal: a baseline the paper lacks.
/// </summary>
public sealed class CramPolicy : IDeliveryPolicy
{
    /// <summary>One hour, in days.</summary>
    public const double DefaultWindow = 1.0 / 24;

    /// <param name="budget">Mean number of reviews per episode (fractional budgets are met in expectation).</param>
    /// <param name="window">Length of the cramming window before T, in the episode's time unit (default 1 h in days).</param>
    public CramPolicy(double budget, double window = DefaultWindow)
    {
        Budget = Require.NonNegative(budget, nameof(budget));
        Window = Require.Positive(window, nameof(window));
    }

    public double Budget { get; }
    public double Window { get; }
    public string Name => "cram";

    public IPolicyState CreateState(EpisodeSpec spec, Random rng)
    {
        int count = LastMinuteSchedule.DrawCount(Budget, rng);
        var perItem = new int[spec.MarkCount];
        for (int j = 0; j < count; j++) perItem[j % spec.MarkCount]++;
        return new LastMinuteSchedule.State(spec.Horizon, Math.Min(Window, spec.Horizon), LastMinuteSchedule.RoundRobin(perItem));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cram(budget={Budget:G6}, window={Window:G4})");
}
