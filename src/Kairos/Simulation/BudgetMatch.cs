using Kairos.Decisions;

namespace Kairos.Simulation;

/// <summary>Result of <see cref="BudgetMatcher.Match"/>: the tuned policy, its knob, the mean number of actions it
/// took over the tuning episodes and whether that is within the tolerance of the budget.</summary>
public sealed record BudgetMatch(IDeliveryPolicy Policy, double Knob, double MeanActions, double Budget,
    int Evaluations, bool WithinTolerance);
