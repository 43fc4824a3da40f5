using System.Globalization;

namespace Kairos.Serving;

/// <summary>An action the service emitted on its own: the user's planned next action, once due. <see cref="ActionId"/>
/// is the action's id in the user's history, derived from the planned time, so firing the same plan again is a
/// duplicate and emits nothing.</summary>
public sealed record EmittedAction(string Policy, string User, string ActionId, double Time, int Mark)
{
    public static string IdFor(double plannedTime) => "action@" + plannedTime.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// One row of the outbox: an emitted action, committed in the same transaction as its record and the state it
/// implies. <see cref="Cursor"/> increases in commit order (a consumer that has read up to c never later finds a
/// row ≤ c it has not seen); <see cref="Id"/> is stable and unique, so an at-least-once consumer dedupes on it.
/// </summary>
public sealed record OutboxEntry(long Cursor, string Policy, string User, string ActionId, double Time, int Mark)
{
    /// <summary>"{policy}/{user}/{action id}", policy and user URL-escaped so the string is unambiguous.</summary>
    public string Id => $"{Uri.EscapeDataString(Policy)}/{Uri.EscapeDataString(User)}/{ActionId}";
}
