namespace Kairos.Evaluation;

/// <summary>How many actions per episode the baselines are tuned to.</summary>
public abstract record BudgetRule
{
    private BudgetRule() { }

    /// <summary>The scenario's protocol: match the first learned policy's mean actions when the scenario asks for it
    /// (<see cref="Kairos.Scenarios.IScenario.MatchesBudgetByDefault"/>) and a learned policy is evaluated; otherwise
    /// the baselines' default rates.</summary>
    public static BudgetRule ScenarioDefault { get; } = new ScenarioDefaultRule();

    /// <summary>The baselines' default rates, never tuned.</summary>
    public static BudgetRule Unmatched { get; } = new UnmatchedRule();

    /// <summary>Tune the baselines to the first learned policy's mean actions per episode (on the same episodes).</summary>
    public static BudgetRule MatchFirstLearned { get; } = new MatchFirstLearnedRule();

    /// <summary>Tune the baselines to <paramref name="actionsPerEpisode"/>.</summary>
    public static BudgetRule Fixed(double actionsPerEpisode) => new FixedRule(actionsPerEpisode);

    internal sealed record ScenarioDefaultRule : BudgetRule;
    internal sealed record UnmatchedRule : BudgetRule;
    internal sealed record MatchFirstLearnedRule : BudgetRule;
    internal sealed record FixedRule(double ActionsPerEpisode) : BudgetRule;
}
