using Kairos.Neural.AdDelivery;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Learning.AdDelivery;

/// <summary>Marginal statistics of training users that start the fit: the median gap between user events (the
/// model's time scale T₀), the type frequencies, the mean and standard deviation of ln(value) per feedback mark, and
/// which marks carry values (the simulator draws values only for those).</summary>
public sealed record AdDataSummary(double TimeScale, double[] TypeFrequencies, double[] LogValueMeans, double[] LogValueSds,
    bool[] ValuedMarks, int UserEvents)
{
    public static AdDataSummary Of(IReadOnlyList<AdUserSequence> users, AdModelLayout layout)
    {
        var gaps = new List<double>();
        var types = new double[layout.Types];
        var logValues = Enumerable.Range(0, layout.FeedbackMarks).Select(_ => new List<double>()).ToArray();
        var markCounts = new int[layout.FeedbackMarks];
        int count = 0;
        foreach (var user in users)
        {
            double last = 0;
            foreach (var e in user.Events)
            {
                if (e.Kind == EventKind.Action) continue;
                if (e.Time > last) gaps.Add(e.Time - last);
                last = e.Time;
                types[layout.Type(e.Kind, e.Mark)]++;
                count++;
                if (e.Kind != EventKind.Feedback) continue;
                markCounts[e.Mark]++;
                if (e.Value is { } v && v > 0) logValues[e.Mark].Add(Math.Log(v));
            }
        }
        if (count == 0) throw new ArgumentException("the training users have no feedback or opportunity events to fit.", nameof(users));
        gaps.Sort();
        double scale = gaps.Count == 0 ? 1 : Quantiles.Linear(gaps, 0.5);
        for (int c = 0; c < types.Length; c++) types[c] /= count;
        var means = logValues.Select(l => l.Count == 0 ? 0 : l.Average()).ToArray();
        var sds = logValues.Select((l, m) => l.Count < 2 ? 1 : Math.Sqrt(l.Sum(x => (x - means[m]) * (x - means[m])) / (l.Count - 1))).ToArray();
        var valued = logValues.Select((l, m) => markCounts[m] > 0 && l.Count * 2 >= markCounts[m]).ToArray();
        return new AdDataSummary(scale > 0 ? scale : 1, types, means, sds, valued, count);
    }
}
