using Kairos.Data.Duolingo;
using Kairos.Learning.StudentModels;

namespace Kairos.Tests.Learning.StudentModels;

public sealed class RecallMetricsTests
{
    [Fact]
    public void AreaUnderCurve_HandExample_CountsTiesAsHalf()
    {
        // Positives scores {0.9, 0.5}, negatives {0.5, 0.1}: pairs (0.9>0.5, 0.9>0.1, 0.5=0.5, 0.5>0.1) → 3.5/4
        var auc = RecallMetrics.AreaUnderCurve([(0.9, true), (0.5, true), (0.5, false), (0.1, false)]);
        Assert.Equal(0.875, auc, 15);
        Assert.True(double.IsNaN(RecallMetrics.AreaUnderCurve([(0.3, true)])));
    }

    [Fact]
    public void Of_TwoSessions_LogLossPerTrialAndMaePerSession()
    {
        var set = new StudentObservationSet();
        set.Add(new DuolingoRecord(0.5, 0, 86400, "u", "xx", "en", "a", "a", 0, 0, 2, 1));
        set.Add(new DuolingoRecord(1.0, 0, 86400, "u", "xx", "en", "b", "b", 0, 0, 1, 1));
        var m = RecallMetrics.Of(set, i => i == 0 ? 0.8 : 0.6);
        // log loss = −[log 0.8 + log 0.2 + log 0.6]/3; MAE = (0.3 + 0.4)/2; AUC: positive {b: 0.6} vs negative {a: 0.8} → 0
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.2) + Math.Log(0.6)) / 3, m.LogLoss, 14);
        Assert.Equal(0.35, m.Mae, 14);
        Assert.Equal(0, m.Auc);
    }
}
