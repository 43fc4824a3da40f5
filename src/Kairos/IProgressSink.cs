namespace Kairos;

/// <summary>Where long-running library work reports how far it has got (the CLI draws a progress bar).
/// Implementations must be thread-safe enough for occasional calls from one thread at a time.</summary>
public interface IProgressSink
{
    /// <summary>Reports <paramref name="done"/> units of work out of the total the sink was created with.</summary>
    void Report(double done, string? status = null);
}
