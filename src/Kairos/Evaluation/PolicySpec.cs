namespace Kairos.Evaluation;

/// <summary>A policy to evaluate, before it is built: a baseline of the scenario by name, or a learned policy file.</summary>
public abstract record PolicySpec
{
    /// <summary>The text a user would write for it (e.g. in a list of policies).</summary>
    public abstract string Text { get; }
}

/// <summary>A baseline of the scenario (<see cref="Kairos.Environments.IScenario.BaselineNames"/>).</summary>
public sealed record BaselinePolicySpec(string Name) : PolicySpec
{
    public override string Text => Name;
}

/// <summary>A TPPRL policy file written by `kairos train`.</summary>
/// <param name="Path">The policy JSON.</param>
/// <param name="WtZero">True when the file is expected to hold the w_t = 0 ablation; only used to say which
/// `kairos train` command makes a missing file.</param>
/// <param name="Budget">The actions per episode the policy was trained to (`kairos train --budget`), when known: a budget
/// curve plots it at that budget's column, and a missing file names the training command with it.</param>
public sealed record LearnedPolicySpec(string Path, bool WtZero = false, double? Budget = null) : PolicySpec
{
    public override string Text => "tpprl:" + Path;

    /// <summary>Marks a path template: <c>{budget}</c> stands for each budget of a budget curve.</summary>
    public const string BudgetPlaceholder = "{budget}";

    /// <summary>One spec per budget when <paramref name="path"/> holds <see cref="BudgetPlaceholder"/> (e.g.
    /// <c>models/fsrs-budget{budget}.tpprl.json</c>), else the one spec.</summary>
    public static IReadOnlyList<LearnedPolicySpec> Expand(string path, IEnumerable<double> budgets) =>
        path.Contains(BudgetPlaceholder, StringComparison.Ordinal)
            ? budgets.Select(b => new LearnedPolicySpec(path.Replace(BudgetPlaceholder,
                b.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), Budget: b)).ToList()
            : [new LearnedPolicySpec(path)];
}

/// <summary>An ad-delivery policy file written by `kairos train ad-delivery`, shown as <paramref name="Label"/>
/// (learned, plugin, thompson, myopic). With <paramref name="AsKind"/> (e.g. ad-myopic) the file's embedded model is
/// served by that rule instead of the file's own.</summary>
public sealed record AdPolicyFileSpec(string Label, string Path, string? AsKind = null) : PolicySpec
{
    public override string Text => AsKind is null ? Label + ":" + Path : Label;
}
