using System.Globalization;

namespace Kairos.Serving;

/// <summary>An action the service emitted on its own: the user's planned next action, once due. <see cref="ActionId"/>
/// is the action's id in the user's history, derived from the planned time, so firing the same plan again is a
/// duplicate and emits nothing.</summary>
public sealed record EmittedAction(string Policy, string User, string ActionId, double Time, int Mark)
{
    private const string Prefix = "action@";

    public static string IdFor(double plannedTime) => Prefix + plannedTime.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The planned time an id of <see cref="IdFor"/> names (round-trip format: exact), or null for another id.</summary>
    public static double? PlannedTimeOf(string actionId) =>
        actionId.StartsWith(Prefix, StringComparison.Ordinal)
        && double.TryParse(actionId.AsSpan(Prefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out double t) ? t : null;
}

/// <summary>
/// One row of the outbox: an emitted action, or with <see cref="Skipped"/> a planned action skipped as too late
/// (<see cref="SkippedAction"/>; <see cref="Time"/> is then when it was skipped), committed in the same transaction as
/// its record and the state it implies. <see cref="Cursor"/> increases in commit order (a consumer that has read up
/// to c never later finds a row ≤ c it has not seen); <see cref="Id"/> is stable and unique (an action is either
/// emitted or skipped, once), so an at-least-once consumer dedupes on it.
/// </summary>
public sealed record OutboxEntry(long Cursor, string Policy, string User, string ActionId, double Time, int Mark, bool Skipped = false)
{
    /// <summary>The time the action was planned for (from its id).</summary>
    public double? PlannedTime => EmittedAction.PlannedTimeOf(ActionId);

    /// <summary>"{policy}/{user}/{action id}", policy and user URL-escaped so the string is unambiguous.</summary>
    public string Id => $"{Uri.EscapeDataString(Policy)}/{Uri.EscapeDataString(User)}/{ActionId}";
}
