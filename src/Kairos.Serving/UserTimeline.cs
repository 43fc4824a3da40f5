using Kairos.Decisions;

namespace Kairos.Serving;

/// <summary>A point of a policy's intensity curve.</summary>
public sealed record IntensityPoint(double Time, double Intensity);

/// <summary>
/// One user's timeline under one policy (the dashboard's view): the latest records (events, decided opportunities,
/// actions), the planned next action, and the policy's intensity curve from the last event to past the planned
/// action, as the state sees it now (null when the policy exposes no intensity, <see cref="IIntensityView"/>).
/// </summary>
public sealed record UserTimeline(string Policy, string User, string PolicyVersion, long Events, double? LastTime,
    IReadOnlyList<StoredRecord> Records, NextActionResult Next, IReadOnlyList<IntensityPoint>? Intensity)
{
    public const int CurvePoints = 64;

    internal static UserTimeline Of(ServedPolicy served, string user, IPolicyState state, long count, double? lastTime,
        IEnumerable<StoredRecord> records, int limit)
    {
        var latest = new Queue<StoredRecord>(limit);
        foreach (var r in records)
        {
            if (latest.Count == limit) latest.Dequeue();
            latest.Enqueue(r);
        }
        var next = state.Next;
        var plan = new NextActionResult(double.IsFinite(next.Time) ? next.Time : null, next.Mark, served.Version);
        return new UserTimeline(served.Name, user, served.Version, count, lastTime, latest.ToArray(), plan,
            state is IIntensityView view ? Curve(view, lastTime ?? served.Context.Origin, plan.Time) : null);
    }

    /// <summary>λ on [from, end], end a quarter past the planned action (one time unit past <paramref name="from"/>
    /// without one).</summary>
    private static IntensityPoint[] Curve(IIntensityView view, double from, double? planned)
    {
        double span = planned is { } t && t > from ? 1.25 * (t - from) : 1.0;
        var points = new IntensityPoint[CurvePoints];
        for (int i = 0; i < CurvePoints; i++)
        {
            double time = from + span * i / (CurvePoints - 1);
            points[i] = new IntensityPoint(time, view.Intensity(time));
        }
        return points;
    }
}
