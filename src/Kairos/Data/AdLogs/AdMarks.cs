namespace Kairos.Data.AdLogs;

/// <summary>The mark conventions of ad-delivery logs. Feedback marks are observation types (0 = visit, 1 = click,
/// 2 = conversion unless a sidecar marks.json names them otherwise); an action row's mark is the decision taken at the
/// opportunity it answers (0 = no ad, 1..m = ad m) and its value the action's cost.</summary>
public static class AdMarks
{
    public const int Visit = 0;
    public const int Click = 1;
    public const int Conversion = 2;

    /// <summary>The action mark of "no ad".</summary>
    public const int None = 0;

    public static IReadOnlyList<string> DefaultFeedbackNames { get; } = ["visit", "click", "conversion"];

    /// <summary>The log's action mark of a policy decision (<see cref="Kairos.PointProcesses.Event"/> marks of a
    /// simulation are 0-based ads): none → 0, ad k → k + 1.</summary>
    public static int FromDecision(int decisionMark) => decisionMark < 0 ? None : decisionMark + 1;

    /// <summary>The policy decision mark of a log's action mark: 0 → none (−1), k → ad k − 1.</summary>
    public static int ToDecision(int logMark) => logMark == None ? -1 : logMark - 1;
}
