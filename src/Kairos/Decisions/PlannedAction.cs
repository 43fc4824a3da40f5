namespace Kairos.Decisions;

/// <summary>A timing policy's planned next action: time and mark.</summary>
public readonly record struct PlannedAction(double Time, int Mark)
{
    /// <summary>No action planned (time +∞) until the next observed event changes the plan.</summary>
    public static PlannedAction None => new(double.PositiveInfinity, 0);
}
