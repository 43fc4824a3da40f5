using System.CommandLine;
using System.Globalization;
using Kairos.Data.Anki;
using Kairos.Learning.Fsrs;
using Kairos.Models.SpacedRepetition.Fsrs;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos fit-fsrs`: maximum-likelihood fit of the 21 FSRS-6 parameters to an Anki/FSRS review log, scored
/// under the srs-benchmark protocol beside the FSRS-6 defaults and half-life regression; writes the model file.</summary>
public static class FitFsrsCommand
{
    public static Command Create(CliIO io)
    {
        var reviews = new Option<FileInfo>("--reviews", "--data")
        {
            Description = "Review log: CSV with columns card_id,review_rating,review_time,review_duration (py-fsrs layout), or .parquet in that layout or srs-benchmark's (card_id,day_offset,rating,...). Required.",
            Required = true,
        };
        var output = CliOptions.Out("Write the fitted parameters as a versioned JSON model file here (for --fsrs-params).");
        var splits = new Option<int>("--splits") { Description = "Time-series splits of the evaluation, in [2, 20] (default 5, as srs-benchmark).", DefaultValueFactory = _ => 5 };
        var l2 = new Option<double>("--l2") { Description = "γ of the L2 pull toward the FSRS-6 defaults, scaled by fsrs-rs's parameter spreads (default 1, as fsrs-rs; 0 = pure MLE).", DefaultValueFactory = _ => 1 };
        var dayStart = new Option<double>("--day-start-hour") { Description = "Hour (UTC) at which a new review day starts, in [0, 24) (default 4, Anki's).", DefaultValueFactory = _ => 4 };
        var maxIterations = new Option<int>("--max-iterations") { Description = "L-BFGS iterations per fit, >= 1 (default 300).", DefaultValueFactory = _ => 300 };
        var threads = CliOptions.Threads();
        var reference = new Option<string?>("--reference") { Description = "Also score a fixed FSRS-6 model file (e.g. another optimizer's result) on the same splits and in sample." };
        var json = CliOptions.Json();
        var cmd = new Command("fit-fsrs",
            "Fit the 21 FSRS-6 parameters to a review log by maximum likelihood; report log loss, RMSE(bins) and AUC on " +
            "time-series splits beside the FSRS-6 defaults and half-life regression; write the model file.\n" +
            "Examples:\n  kairos fit-fsrs --reviews data/fsrs-review-log-12k.csv --out out/fsrs-params.json\n" +
            "  kairos fit-fsrs --reviews log.csv --l2 0 --json")
        { reviews, output, splits, l2, dayStart, maxIterations, threads, reference, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(reviews)!, pr.GetValue(output), pr.GetValue(splits), pr.GetValue(l2),
            pr.GetValue(dayStart), pr.GetValue(maxIterations), pr.GetValue(threads), pr.GetValue(reference), pr.GetValue(json)));
        return cmd;
    }

    private static int Run(CliIO io, FileInfo reviews, string? output, int splits, double l2, double dayStart, int maxIterations,
        int threads, string? referencePath, bool json)
    {
        var problems = new List<string>();
        if (Directory.Exists(reviews.FullName)) problems.Add($"--reviews {reviews.FullName}: is a folder; give the review log CSV");
        else if (!reviews.Exists) problems.Add($"--reviews {reviews.FullName}: no such file");
        if (splits is < 2 or > 20) problems.Add($"--splits must lie in [2, 20], got {splits}");
        if (!(l2 >= 0) || double.IsInfinity(l2)) problems.Add($"--l2 must be finite and >= 0, got {R(l2)}");
        if (!(dayStart >= 0 && dayStart < 24)) problems.Add($"--day-start-hour must lie in [0, 24), got {R(dayStart)}");
        if (maxIterations < 1) problems.Add($"--max-iterations must be >= 1, got {maxIterations}");
        if (output is not null && (string.IsNullOrWhiteSpace(output) || Directory.Exists(output)))
            problems.Add($"--out '{output}': give a file path for the model file");
        else if (output is not null && Path.GetDirectoryName(Path.GetFullPath(output)) is { } dir && !Directory.Exists(dir))
            problems.Add($"--out {output}: folder {dir} does not exist");
        FsrsParameters? reference = null;
        if (referencePath is not null)
            try { reference = FsrsParameterFile.Read(referencePath); }
            catch (UserInputException e) { problems.AddRange(e.Problems.Select(p => "--reference " + p)); }
        UserInputException.ThrowIfAny(problems);
        var records = ReviewLogReader.ReadFile(reviews.FullName, dayStart);
        var data = FsrsReviewSet.From(records, dayStart);
        int longTerm = Enumerable.Range(0, data.Count).Count(data.IsLongTerm);
        if (data.Count / (splits + 1) < 1 || longTerm < 2 * (splits + 1))
            throw new UserInputException($"--reviews {reviews.FullName}: {data.Count} reviews ({longTerm} on a later day than the card's previous one) are too few for {splits} time-series splits");
        var fitter = new FsrsFitter(l2, maxIterations);
        var result = io.WithProgress($"fitting FSRS-6 to {reviews.Name}", splits + 1, json,
            progress => FsrsEvaluation.Run(data, fitter, splits, threads, progress, reference));
        var full = result.Full;
        if (output is not null)
            FsrsParameterFile.Write(output, full.Parameters, new
            {
                command = "fit-fsrs", reviews = reviews.Name, reviewCount = data.Count, cards = data.CardCount, l2, dayStartHour = dayStart,
                trainLogLoss = full.TrainLogLoss, iterations = full.Iterations, converged = full.Converged,
            });
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.fit-fsrs", version = 1, command = "fit-fsrs", reviews = reviews.FullName, output,
                data = new { reviews = data.Count, cards = data.CardCount, longTermReviews = longTerm, dayStartHour = dayStart },
                fit = new { parameters = full.Parameters.Weights, l2, trainLogLoss = full.TrainLogLoss, iterations = full.Iterations,
                    converged = full.Converged, scoredReviews = full.Reviews },
                evaluation = new
                {
                    protocol = "srs-benchmark time-series split; same-day reviews update the state but are not scored",
                    splits, testReviews = result.Fitted.Reviews,
                    fsrs6Fitted = Scores(result.Fitted), fsrs6Defaults = Scores(result.Defaults), hlr = Scores(result.Hlr),
                    reference = result.Reference is null ? null : Scores(result.Reference),
                    splitFits = result.SplitFits.Select(f => new { iterations = f.Iterations, converged = f.Converged, trainLogLoss = f.TrainLogLoss }),
                },
                inSample = new
                {
                    note = "every long-term review, parameters fitted on the whole log",
                    fsrs6Fitted = Scores(result.InSample.Fitted), fsrs6Defaults = Scores(result.InSample.Defaults),
                    reference = result.InSample.Reference is null ? null : Scores(result.InSample.Reference),
                },
            });
            return KairosCli.Ok;
        }
        io.Out.WriteLine(Inv($"{data.Count} reviews of {data.CardCount} cards ({longTerm} long-term); fitted on all: train log loss {full.TrainLogLoss:F4}, {full.Iterations} L-BFGS iterations{(full.Converged ? "" : " (not converged)")}"));
        io.Out.WriteLine("parameters: " + string.Join(", ", full.Parameters.Weights.Select(w => w.ToString("G5", CultureInfo.InvariantCulture))));
        var table = new Table().AddColumns("model", "log loss", "RMSE(bins)", "AUC");
        var rows = new List<(string, RecallScores)> { ("FSRS-6 fitted", result.Fitted), ("FSRS-6 defaults", result.Defaults), ("HLR", result.Hlr) };
        if (result.Reference is not null) rows.Add(("reference (--reference)", result.Reference));
        foreach (var (name, s) in rows) table.AddRow(Markup.Escape(name), F(s.LogLoss), F(s.RmseBins), F(s.Auc));
        io.Out.WriteLine(Inv($"held out: {result.Fitted.Reviews} reviews over {splits} time-series splits"));
        io.Table().Write(table);
        io.Out.WriteLine(Inv($"in sample (all long-term reviews): log loss fitted {result.InSample.Fitted.LogLoss:F4}, defaults {result.InSample.Defaults.LogLoss:F4}") +
            (result.InSample.Reference is { } r ? Inv($", reference {r.LogLoss:F4}") : ""));
        if (output is not null) io.Out.WriteLine($"wrote {output}");
        return KairosCli.Ok;
    }

    private static object Scores(RecallScores s) => new { logLoss = Finite(s.LogLoss), rmseBins = Finite(s.RmseBins), auc = Finite(s.Auc), reviews = s.Reviews };
    private static double? Finite(double v) => CliFormat.FiniteOrNull(v);
    private static string F(double v) => CliFormat.F4OrNa(v);
    private static string Inv(FormattableString s) => FormattableString.Invariant(s);
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
