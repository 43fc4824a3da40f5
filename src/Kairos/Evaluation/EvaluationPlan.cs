using Kairos.Scenarios;

namespace Kairos.Evaluation;

/// <summary>
/// What to evaluate: policies on a scenario, every policy on the same <see cref="Episodes"/> episodes (episode i uses
/// environment stream (<see cref="Seed"/>, i)), with the baselines tuned by <see cref="Budget"/>.
/// </summary>
public sealed record EvaluationPlan(IScenario Scenario, IReadOnlyList<PolicySpec> Policies, BudgetRule Budget, int Seed,
    int Episodes)
{
    /// <summary>Largest number of episodes per policy: each keeps its metrics in memory.</summary>
    public const int MaxEpisodes = 1_000_000;
    /// <summary>Largest fixed budget, in actions per episode: more cannot be simulated in reasonable time.</summary>
    public const double MaxActionsPerEpisode = 1_000_000;

    /// <summary>Worker threads, −1 = all cores; results do not depend on it.</summary>
    public int Threads { get; init; } = -1;
    /// <summary>Keep each episode's events (for plots of when actions happen); costs memory.</summary>
    public bool RecordEpisodes { get; init; }

    /// <summary>Every problem with the plan at once, named by member ("Policies", "Episodes", "Budget", "MatchBudget",
    /// "Threads"); a policy file that is missing names the `kairos train` command that makes it. Cheap: files are only
    /// looked for, not read.</summary>
    public IReadOnlyList<OptionProblem> Problems()
    {
        var c = SettingChecks(Episodes, Threads, Budget);
        if (Budget is BudgetRule.MatchFirstLearnedRule && !Policies.OfType<LearnedPolicySpec>().Any())
            c.Add("MatchBudget", "needs a learned (tpprl) policy among the policies to match the baselines to");
        if (Policies.Count == 0) c.Add(nameof(Policies), "is empty; give baseline names or tpprl:<file>");
        foreach (var duplicate in Policies.GroupBy(p => p.Text).Where(g => g.Count() > 1))
            c.Add(nameof(Policies), $"lists '{duplicate.Key}' {CountText.Of(duplicate.Count(), "time")}; give each policy once");
        foreach (var spec in Policies)
            switch (spec)
            {
                case BaselinePolicySpec b:
                    c.OneOf(b.Name, Scenario.BaselineNames, nameof(Policies), $"a baseline of {Scenario.Name} (learned policies: tpprl:<file>)");
                    break;
                case LearnedPolicySpec l when Directory.Exists(l.Path):
                    c.Add(nameof(Policies), $"{l.Path}: is a folder, not a policy file");
                    break;
                case AdPolicyFileSpec a when !File.Exists(a.Path):
                    c.Add(nameof(Policies), $"{a.Path}: no such ad policy file; make it with `kairos train ad-delivery --model model.json --policy {a.Label} --out {a.Path}`");
                    break;
                case LearnedPolicySpec l when !File.Exists(l.Path):
                    c.Add(nameof(Policies), $"{l.Path}: no such policy file; make it with `{TrainedPolicyFiles.TrainCommand(Scenario, l.WtZero, l.Path, l.Budget)}`");
                    break;
            }
        return c.Problems;
    }

    /// <summary>The problems of the settings that do not depend on the scenario or the policies, for a front end that
    /// could not resolve the scenario but still reports everything else.</summary>
    public static IReadOnlyList<OptionProblem> SettingProblems(int episodes, int threads, BudgetRule budget) =>
        SettingChecks(episodes, threads, budget).Problems;

    private static OptionChecks SettingChecks(int episodes, int threads, BudgetRule budget)
    {
        var c = new OptionChecks()
            .AtLeast(episodes, 1, nameof(Episodes))
            .AtMost(episodes, MaxEpisodes, nameof(Episodes))
            .Threads(threads, nameof(Threads));
        if (budget is BudgetRule.FixedRule f && !(f.ActionsPerEpisode > 0 && f.ActionsPerEpisode <= MaxActionsPerEpisode))
            c.Add(nameof(Budget), $"must lie in (0, {OptionProblem.Fmt(MaxActionsPerEpisode)}] actions per episode, got {OptionProblem.Fmt(f.ActionsPerEpisode)}");
        return c;
    }
}
