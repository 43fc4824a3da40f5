using Kairos.Data.AdLogs;

namespace Kairos.Learning.OffPolicy;

/// <summary>
/// A direct-method outcome model for doubly robust off-policy evaluation: the expected utility from a logged
/// opportunity to the end of the user's window (conversion value − ad cost, the decision's own cost included) if
/// <c>decision</c> is taken there. Implementations must use only the user's events before the opportunity (and the
/// window): the log is passed whole to avoid copies, not to be read ahead.
/// </summary>
public interface IUtilityModel
{
    /// <param name="user">The user's log.</param>
    /// <param name="decisionIndex">Which opportunity: index into <see cref="AdUserLog.Decisions"/>.</param>
    /// <param name="decision">0 = no ad, 1..m = ad m (the log's action marks).</param>
    double ExpectedUtility(AdUserLog user, int decisionIndex, int decision);
}
