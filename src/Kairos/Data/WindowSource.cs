namespace Kairos.Data;

/// <summary>Where the users' observation windows of an <see cref="EventDataSet"/> come from.</summary>
public enum WindowSource
{
    /// <summary>Each user's own window: window rows in a file, one per user, or windows given in memory.</summary>
    PerUser,
    /// <summary>A file without window rows and a horizon T given by the caller: every user on [0, T].</summary>
    Horizon,
    /// <summary>A file without window rows and no horizon: every user on [0, the last event time in the file].
    /// This is what old files mean, but it ignores any quiet time after the last event.</summary>
    LastEvent,
}
