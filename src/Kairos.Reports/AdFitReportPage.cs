using System.Globalization;
using Kairos.Learning.AdDelivery;

namespace Kairos.Reports;

/// <summary>The ad-delivery user model's fit report as HTML: held-out log-likelihood per event against the Poisson,
/// Hawkes and Burr XII renewal baselines, the time-rescaling KS test, and the reliability plot of the predicted
/// conversion probability (deciles of the prediction: mean predicted against observed frequency).</summary>
public static class AdFitReportPage
{
    public static HtmlReport Build(AdFitReport report, string source)
    {
        var html = new HtmlReport("Ad-delivery user model: fit report");
        var events = Math.Max(1, report.Model.Events);
        var fit = html.AddSection("Held-out log-likelihood per event");
        fit.Paragraph($"{CountText.Of(report.TestUsers, "test user")} of {source}, {CountText.Of(report.Model.Events, "user event")} (feedback and opportunities). " +
            "The gap column compares the ground process's timing with the baselines fitted to the training users.");
        var rows = new List<IReadOnlyList<string>> { new[] { "neural MPP (MAP)", F(report.Model.Time / events), F(report.Model.Total / events) } };
        rows.AddRange(report.Baselines.Select(b => (IReadOnlyList<string>)new[] { b.Model, b.TimeLogLikelihoodPerEvent is { } v ? F(v) : "n/a: " + b.Note, "" }));
        fit.Table(["model", "gap log-lik / event", "total log-lik / event"], rows);
        fit.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"Time-rescaling KS test of the compensator increments against Exp(1): D = {report.RescalingKs.Statistic:F4}, p = {report.RescalingKs.PValue:G3} over {CountText.Of(report.RescalingKs.Count, "event")}."));
        var cal = html.AddSection("Calibration of the predicted conversion probability");
        var x = report.Calibration.Select(c => c.Predicted).ToArray();
        var y = report.Calibration.Select(c => c.Observed).ToArray();
        cal.Figure(Plots.Points("Reliability of P(next event is a conversion)", "mean predicted probability (decile of predictions)",
            "observed conversion frequency", x, y, diagonal: true), "Each point is a decile of the predicted probability; on the dashed line the model is calibrated.");
        cal.Table(["mean predicted", "observed", "events"], report.Calibration.Select(c =>
            (IReadOnlyList<string>)new[] { F(c.Predicted), F(c.Observed), c.Events.ToString(CultureInfo.InvariantCulture) }));
        return html;
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
