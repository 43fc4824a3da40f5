namespace Kairos.Learning.StudentModels;

/// <summary>A maximum-likelihood fit of the student model: α, β, n_i(0) per item (same order as the data's
/// items), their standard errors and domain flags, the penalised log-likelihood, Newton iterations and whether the step size fell below tolerance.
/// <see cref="PriorRate"/> = e^μ is the rate used for items the fit never saw.</summary>
public sealed record StudentModelFit(double Alpha, double Beta, IReadOnlyList<double> InitialRates,
    IReadOnlyList<string> ItemIds, IReadOnlyList<string> Labels, double PriorRate, double LogLikelihood,
    int Iterations, bool Converged)
{
    /// <summary>Standard errors from the observed information (+∞ when the data do not identify the parameter).</summary>
    public double AlphaStandardError { get; init; } = double.NaN;
    public double BetaStandardError { get; init; } = double.NaN;
    /// <summary>Whether the estimate sits on the domain's edge α = 0 / β = 0 (the unconstrained optimum lies outside).</summary>
    public bool AlphaAtBound { get; init; }
    public bool BetaAtBound { get; init; }
    /// <summary>False when the data carry no information on the parameter (e.g. β without any lapse).</summary>
    public bool AlphaIdentified { get; init; } = true;
    public bool BetaIdentified { get; init; } = true;

    private Dictionary<string, int>? _index;

    /// <summary>n_i(0) of a lexeme id (<see cref="PriorRate"/> if unseen).</summary>
    public double InitialRate(string lexemeId)
    {
        _index ??= ItemIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        return _index.TryGetValue(lexemeId, out int i) ? InitialRates[i] : PriorRate;
    }

    /// <summary>The model's recall probability exp(−n_i(0)(1−α)^c(1+β)^w Δ) for a session.</summary>
    public double RecallProbability(string lexemeId, int correct, int wrong, double deltaDays) =>
        StudentModelLikelihood.RecallProbability(InitialRate(lexemeId), Alpha, Beta, correct, wrong, deltaDays);
}
