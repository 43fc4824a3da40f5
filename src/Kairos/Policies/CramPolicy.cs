using System.Globalization;
using Kairos.Decisions;
using Kairos.Numerics;

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
        ParameterHash = Decisions.ParameterHash.Of(KindName, [budget, window]);
    }

    public const string KindName = "cram";

    public double Budget { get; }
    public double Window { get; }
    public string Name => KindName;
    public string Kind => KindName;
    public DecisionModes Modes => DecisionModes.Timing;
    public bool RequiresHorizon => true;
    public string ParameterHash { get; }

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        double horizon = context.RequireHorizon(Name);
        int count = LastMinuteSchedule.DrawCount(Budget, ref random);
        var perItem = new int[context.MarkCount];
        for (int j = 0; j < count; j++) perItem[j % context.MarkCount]++;
        return new LastMinuteSchedule.State(this, context.Origin + horizon, Math.Min(Window, horizon),
            LastMinuteSchedule.RoundRobin(perItem), 0, random);
    }

    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context) => LastMinuteSchedule.Restore(this, snapshot);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cram(budget={Budget:G6}, window={Window:G4})");
}
