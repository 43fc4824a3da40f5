using System.CommandLine;
using System.Globalization;
using Kairos.Data.AdLogs;
using Kairos.Learning.AdDelivery;
using Kairos.Neural.AdDelivery;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos fit-model`: fits the ad-delivery user model (neural marked point process, Burr XII gaps) and
/// its bootstrap posterior to an ad log, writes the model file and prints the held-out fit report.</summary>
public static class FitModelCommand
{
    public static Command Create(CliIO io)
    {
        var data = new Option<FileInfo>("--data") { Description = "Ad log (.jsonl, .csv or .parquet, e.g. from `kairos simulate ad-delivery`; columns user, time, kind, mark, value, propensity; marks.json beside it names the marks). Required.", Required = true };
        var ensemble = new Option<int>("--ensemble") { Description = "Posterior members K >= 0 besides the MAP fit (see --posterior; default 4).", DefaultValueFactory = _ => 4 };
        var posterior = PosteriorOption.Create();
        var hidden = new Option<int>("--hidden") { Description = "RNN state units H in [1, 256] (default 16).", DefaultValueFactory = _ => 16 };
        var epochs = new Option<int>("--epochs") { Description = "Epoch limit per fit >= 1 (default 40).", DefaultValueFactory = _ => 40 };
        var patience = new Option<int>("--patience") { Description = "Early stopping: epochs without a better held-out likelihood, >= 1 (default 4).", DefaultValueFactory = _ => 4 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate > 0 (default 0.01).", DefaultValueFactory = _ => 0.01 };
        var batch = new Option<int>("--batch") { Description = "Users per minibatch >= 1 (default 64).", DefaultValueFactory = _ => 64 };
        var conversion = new Option<int?>("--conversion-mark") { Description = "Feedback mark of conversions, >= 0 (default: the mark marks.json names \"conversion\", else 2)." };
        var reportPath = new Option<string?>("--report") { Description = "Also write the fit report as self-contained HTML with the reliability plot (PNG) to this file (default: none)." };
        var exposure = ExposureDecaysOption.Create();
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var output = CliOptions.Out("Model JSON to write (default model.json).", "model.json");
        var cmd = new Command("fit-model",
            "Fit the ad-delivery user model to a log: an RNN over feedback, opportunities and decisions with Burr XII gaps, " +
            "event types and log-normal values, by maximum likelihood (censoring included) with early stopping on held-out " +
            "users, and a bootstrap posterior of K more fits. Reports, on test users, log-likelihood per event against " +
            "Poisson, Hawkes and Burr XII renewal baselines, the time-rescaling KS test and conversion calibration.\n" +
            "Assumes stationarity, SUTVA (users do not affect each other) and no unobserved confounding (the logging policy " +
            "used only the logged history).\n" +
            "Examples:\n  kairos fit-model --data out/logs.jsonl --ensemble 4 --out out/model.json\n" +
            "  kairos simulate ad-delivery --users 2000 --seed 1 --out out/logs.parquet && kairos fit-model --data out/logs.parquet --hidden 8 --epochs 20 --seed 3 --json")
        { data, ensemble, posterior, hidden, epochs, patience, lr, batch, conversion, exposure, reportPath, seed, json, output };
        cmd.SetAction(pr => Run(io, pr.GetValue(data)!, pr.GetValue(ensemble), new AdModelFitOptions(pr.GetValue(hidden), pr.GetValue(lr),
            pr.GetValue(batch), pr.GetValue(epochs), pr.GetValue(patience)), pr.GetValue(exposure)!, pr.GetValue(posterior)!, pr.GetValue(conversion), pr.GetValue(seed), pr.GetValue(json),
            pr.GetValue(output)!, pr.GetValue(reportPath)));
        return cmd;
    }

    private static int Run(CliIO io, FileInfo data, int ensemble, AdModelFitOptions options, string exposure, string posterior, int? conversionFlag, int seed, bool json, string output,
        string? reportFile)
    {
        var problems = new List<string>();
        if (!data.Exists) problems.Add($"--data {data.FullName}: no such file");
        if (ensemble is < 0 or > 64) problems.Add($"--ensemble must lie in [0, 64], got {ensemble}");
        if (options.Hidden is < 1 or > 256) problems.Add($"--hidden must lie in [1, 256], got {options.Hidden}");
        if (options.MaxEpochs < 1) problems.Add($"--epochs must be >= 1, got {options.MaxEpochs}");
        if (options.Patience < 1) problems.Add($"--patience must be >= 1, got {options.Patience}");
        if (!(options.LearningRate > 0) || double.IsInfinity(options.LearningRate)) problems.Add($"--lr must be finite and > 0, got {R(options.LearningRate)}");
        if (options.BatchUsers < 1) problems.Add($"--batch must be >= 1, got {options.BatchUsers}");
        if (conversionFlag is < 0 or > 1000) problems.Add($"--conversion-mark must lie in [0, 1000], got {conversionFlag}");
        if (reportFile is not null && string.IsNullOrWhiteSpace(reportFile)) problems.Add("--report needs a file path");
        try { AdLogFiles.DetectFormat(data.FullName); } catch (UserInputException e) { problems.Add("--data " + e.Message); }
        options = options with { ExposureDecays = ExposureDecaysOption.Parse(exposure, problems), Posterior = PosteriorOption.Parse(posterior, problems) };
        UserInputException.ThrowIfAny(problems);
        var logs = AdLogFiles.Read(data.FullName);
        int conversion = conversionFlag ?? logs.Names.ConversionMark;
        var (layout, users) = AdSequences.FromAdLog(logs, options.Hidden, conversion, options.ExposureDecays);
        var fit = io.WithProgress($"fitting {data.Name}", (ensemble + 1) * options.MaxEpochs, json,
            progress => AdEnsembleFitter.Fit(users, layout, ensemble, options, seed, conversion, "units", progress));
        AdModelFile.Write(output, fit.Model);
        var report = AdFitReport.Of(fit.Model.Map, fit.Split, conversion);
        if (reportFile is not null)
        {
            try { Kairos.Reports.AdFitReportPage.Build(report, data.Name).Write(reportFile); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"--report {reportFile}: {e.Message}"); }
            io.Info("report: " + Path.GetFullPath(reportFile));
        }
        double perEvent = report.Model.Total / Math.Max(1, report.Model.Events), timePerEvent = report.Model.Time / Math.Max(1, report.Model.Events);
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.fit-model", version = 1, command = "fit-model", seed, data = data.FullName, model = Path.GetFullPath(output),
                users = new { train = fit.Split.Train.Count, heldOut = fit.Split.HeldOut.Count, test = fit.Split.Test.Count },
                layout = new { hidden = layout.Hidden, feedbackMarks = layout.FeedbackMarks, ads = layout.Ads, exposureDecays = layout.ExposureDecays, parameters = layout.Length },
                timeScale = fit.Model.Map.TimeScale, horizon = fit.Model.Horizon, adCosts = fit.Model.AdCosts,
                fits = new[] { fit.MapFit }.Concat(fit.MemberFits).Select((f, i) => new
                {
                    member = i == 0 ? "map" : $"bootstrap-{i}", epochs = f.Epochs, bestEpoch = f.BestEpoch, heldOutLogLikelihoodPerEvent = f.HeldOutLogLikelihoodPerEvent,
                }),
                test = new
                {
                    events = report.Model.Events, logLikelihoodPerEvent = perEvent, timeLogLikelihoodPerEvent = timePerEvent,
                    typeLogLikelihoodPerEvent = report.Model.Type / Math.Max(1, report.Model.Events),
                    valueLogLikelihoodPerEvent = report.Model.Value / Math.Max(1, report.Model.Events),
                    baselines = report.Baselines.Select(b => new { model = b.Model, timeLogLikelihoodPerEvent = b.TimeLogLikelihoodPerEvent, note = b.Note }),
                    rescalingKs = new { statistic = report.RescalingKs.Statistic, pValue = report.RescalingKs.PValue, count = report.RescalingKs.Count },
                    calibration = report.Calibration.Select(c => new { predicted = c.Predicted, observed = c.Observed, events = c.Events }),
                },
            });
            return KairosCli.Ok;
        }
        io.Out.WriteLine(Inv($"users: {fit.Split.Train.Count} train, {fit.Split.HeldOut.Count} held out (early stopping), {fit.Split.Test.Count} test; {layout}"));
        io.Out.WriteLine(Inv($"wrote {output}: MAP (best epoch {fit.MapFit.BestEpoch} of {fit.MapFit.Epochs}) + {fit.Model.Members.Count} posterior members ({posterior})"));
        var table = new Table().AddColumns("model (test users)", "gap log-lik / event", "total log-lik / event");
        table.AddRow("neural MPP (MAP)", F(timePerEvent), F(perEvent));
        foreach (var b in report.Baselines) table.AddRow(Markup.Escape(b.Model), b.TimeLogLikelihoodPerEvent is { } v ? F(v) : Markup.Escape("n/a: " + b.Note), "");
        io.Table().Write(table);
        io.Out.WriteLine(Inv($"time-rescaling KS vs Exp(1): D = {report.RescalingKs.Statistic:F4}, p = {report.RescalingKs.PValue:G3} over {CliFormat.Count(report.RescalingKs.Count, "event")}"));
        io.Out.WriteLine("conversion calibration (predicted → observed, events): " +
            string.Join("; ", report.Calibration.Select(c => Inv($"{c.Predicted:F3} → {c.Observed:F3} ({c.Events})"))));
        return KairosCli.Ok;
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
    private static string Inv(FormattableString s) => FormattableString.Invariant(s);
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
