using Kairos.Learning;

namespace Kairos.Tests.Learning;

/// <summary>The log-rate shift that lands a policy's mean actions on the budget (BudgetCalibration).</summary>
public sealed class BudgetCalibrationTests
{
    [Theory]
    [InlineData(40, 50, 1.0)]     // a policy stuck below its budget (the timed FSRS policy at 50 stayed near 40)
    [InlineData(162, 150, 1.4)]   // a self-exciting policy above it (counts grow faster than the rate)
    [InlineData(3, 500, 0.7)]     // far below, sublinear in the rate: needs several capped steps
    public void Find_SmoothCounts_LandsWithinTheBand(double start, double budget, double elasticity)
    {
        // Given mean actions A(c) = start · e^{elasticity·c}, floored to whole actions over 64 episodes as a sampler's are
        double Actions(double c) => Math.Floor(64 * start * Math.Exp(elasticity * c)) / 64;
        int calls = 0;

        var (shift, actions) = BudgetCalibration.Find(c => { calls++; return Actions(c); }, budget, band: 0.0125);

        // Then the returned shift gives what it reports, within 1.25% of N, near the closed-form root ln(N/start)/elasticity
        Assert.Equal(Actions(shift), actions);
        Assert.InRange(actions, budget * (1 - 0.0125), budget * (1 + 0.0125));
        Assert.InRange(shift, Math.Log(budget / start) / elasticity - 0.02, Math.Log(budget / start) / elasticity + 0.02);
        Assert.True(calls <= 12, $"{calls} evaluations");
    }

    [Fact]
    public void Find_AlreadyWithinTheBand_KeepsThePolicy()
    {
        int calls = 0;
        var (shift, actions) = BudgetCalibration.Find(c => { calls++; return 199 * Math.Exp(c); }, 200, 0.0125);
        Assert.Equal((0.0, 199.0), (shift, actions));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Find_UnreachableBudget_ReturnsTheClosestEvaluation()
    {
        // A policy whose count saturates at 30 cannot reach 50: the closest point is returned, not a made-up one.
        double Actions(double c) => 30 / (1 + Math.Exp(-c));
        var (shift, actions) = BudgetCalibration.Find(Actions, 50, 0.0125);
        Assert.Equal(Actions(shift), actions);
        Assert.True(actions > 29, $"{actions}");
    }
}
