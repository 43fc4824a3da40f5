namespace Kairos.Cli;

/// <summary>A progress sink that measures the run's own speed on its first units of work (this machine, this load, this
/// environment) and, once, refuses a run projected beyond <see cref="WorkEstimate.MaxSeconds"/> with the estimate in
/// the message, or says how long a long one will take. For runs whose cost per unit no constant rate captures
/// (episodes of any environment and policy).</summary>
public sealed class MeasuredWork(IProgressSink inner, CliIO io, string setting, double total, string unit,
    TimeProvider? time = null) : IProgressSink
{
    /// <summary>Work is timed for at least this long before the projection is made.</summary>
    public const double MeasureSeconds = 2;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly long _start = (time ?? TimeProvider.System).GetTimestamp();
    private bool _judged;

    public void Report(double done, string? status = null)
    {
        inner.Report(done, status);
        if (_judged || !(done > 0)) return;
        double elapsed = _time.GetElapsedTime(_start).TotalSeconds;
        if (elapsed < MeasureSeconds) return;
        _judged = true;
        double rate = done / elapsed;
        if (WorkEstimate.Refusal(setting, total, rate, unit) is { } tooLong)
            throw new UserInputException($"{tooLong} (speed measured on the first {done:#,0} {CliFormat.Noun((long)done, unit.TrimEnd('s'), unit)})");
        WorkEstimate.Announce(io, setting, total - done, rate);
    }
}
