using System.Globalization;

namespace Kairos.Learning.StudentModels;

/// <summary>What a reader of a student-model fit must be told: a parameter on the edge of its domain, a parameter the
/// data do not identify, and half-life regression scoring worse than the constant predictor (with why).</summary>
public static class StudentFitWarnings
{
    public static IReadOnlyList<string> For(StudentFitReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fit = report.Student;
        var warnings = new List<string>();
        Parameter(warnings, "α", fit.AlphaIdentified, fit.AlphaStandardError, fit.AlphaAtBound, domainWidth: 1,
            "recalls do not lower the forgetting rate in these data", "no session follows a successful recall");
        Parameter(warnings, "β", fit.BetaIdentified, fit.BetaStandardError, fit.BetaAtBound, domainWidth: double.PositiveInfinity,
            "lapses do not raise the forgetting rate in these data", "no session follows a lapse");
        if (!fit.Converged) warnings.Add(Inv($"the student-model fit did not converge in {fit.Iterations} Newton iterations; treat α, β as approximate."));
        if (report.HlrMetrics.LogLoss > report.ConstantMetrics.LogLoss)
            warnings.Add(Inv($"half-life regression scores worse than the constant predictor in log loss ({report.HlrMetrics.LogLoss:F3} vs ") +
                Inv($"{report.ConstantMetrics.LogLoss:F3}) although it ranks sessions (AUC {report.HlrMetrics.Auc:F3}) and its MAE is ") +
                Inv($"{report.HlrMetrics.Mae:F3} vs {report.ConstantMetrics.Mae:F3}: as in Settles & Meeder it minimises squared error of p and of the ") +
                "half-life, not the likelihood, and a session with every trial recalled has the 274-day clip as its target half-life, " +
                "so its recall predictions are overconfident and log loss punishes confident misses. More --hlr-epochs do not fix " +
                "this; compare it by MAE and AUC.");
        return warnings;
    }

    private static void Parameter(List<string> warnings, string name, bool identified, double se, bool atBound, double domainWidth,
        string boundMeaning, string noInformation)
    {
        if (!identified) warnings.Add($"{name} is not identified: the data carry no information on it ({noInformation}); its value is the starting point.");
        else if (1.96 * se >= domainWidth) warnings.Add(Inv($"{name} is poorly identified: its 95% interval (± {1.96 * se:G3}) is wider than its whole domain [0, 1)."));
        if (atBound && identified) warnings.Add($"{name} sits at its bound 0 (the model's domain): {boundMeaning}; its standard error is one-sided.");
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
