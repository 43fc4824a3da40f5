using System.CommandLine;
using System.Globalization;
using Kairos.Data.Duolingo;
using Kairos.Learning.StudentModels;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos fit-student`: fits the spaced-repetition student model (α, β, n_i(0)) to a Duolingo
/// half-life-regression log by maximum likelihood, with half-life regression beside it, and scores both on a
/// held-out split.</summary>
public static class FitStudentCommand
{
    public static Command Create(CliIO io)
    {
        var data = new Option<FileInfo>("--data")
        {
            Description = "Duolingo HLR CSV (columns p_recall, timestamp, delta, user_id, learning_language, ui_language, " +
                          "lexeme_id, lexeme_string, history_seen, history_correct, session_seen, session_correct). Required.",
            Required = true,
        };
        var holdout = new Option<double>("--holdout")
        {
            Description = "Fraction of sessions held out for evaluation, in [0, 1) (default 0.2).",
            DefaultValueFactory = _ => 0.2,
        };
        var hlrEpochs = new Option<int>("--hlr-epochs")
        {
            Description = "Passes of half-life-regression SGD over the training sessions (default 1, as the original).",
            DefaultValueFactory = _ => 1,
        };
        var ridge = new Option<double>("--ridge")
        {
            Description = "Ridge λ on the log initial rates around their pooled value (default 0.1; 0 = pure MLE).",
            DefaultValueFactory = _ => 0.1,
        };
        var seed = CliOptions.Seed(1);
        var json = CliOptions.Json();
        var cmd = new Command("fit-student",
            "Fit the spaced-repetition student model (α, β, per-item n_i(0)) to a Duolingo HLR log by maximum likelihood, " +
            "with half-life regression beside it; report log loss, MAE and AUC on a held-out split.\n" +
            "Examples:\n  kairos fit-student --data settles.acl16.learning_traces.13m.csv\n" +
            "  kairos fit-student --data log.csv --holdout 0.1 --seed 7 --json")
        { data, holdout, hlrEpochs, ridge, seed, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(data)!, pr.GetValue(holdout), pr.GetValue(hlrEpochs), pr.GetValue(ridge),
            pr.GetValue(seed), pr.GetValue(json)));
        return cmd;
    }

    /// <summary>Half-life-regression SGD steps per second (a handful of features per step), on the fast side.</summary>
    private const double HlrUpdatesPerSecond = 2e7;

    private static int Run(CliIO io, FileInfo data, double holdout, int hlrEpochs, double ridge, int seed, bool json)
    {
        var problems = new List<string>();
        if (Directory.Exists(data.FullName)) problems.Add($"--data {data.FullName}: is a folder; give the Duolingo HLR CSV file");
        else if (!data.Exists) problems.Add($"--data {data.FullName}: no such file");
        if (!(holdout >= 0 && holdout < 1)) problems.Add($"--holdout must lie in [0, 1), got {R(holdout)}");
        if (hlrEpochs < 1) problems.Add($"--hlr-epochs must be >= 1, got {hlrEpochs}");
        if (!(ridge >= 0) || double.IsInfinity(ridge)) problems.Add($"--ridge must be finite and >= 0, got {R(ridge)}");
        // Half-life regression makes one SGD step per session per epoch; a session row takes at least ~40 bytes.
        double updates = (double)hlrEpochs * (data.Exists ? data.Length / 40.0 : 0);
        if (WorkEstimate.Refusal($"--hlr-epochs {hlrEpochs}", updates, HlrUpdatesPerSecond, "SGD steps") is { } tooLong) problems.Add(tooLong);
        UserInputException.ThrowIfAny(problems);
        WorkEstimate.Announce(io, $"--hlr-epochs {hlrEpochs}", updates, HlrUpdatesPerSecond);
        var report = io.WithProgress($"reading {data.Name}", data.Length, json, progress =>
            StudentModelComparison.Run(DuolingoHlrReader.ReadFile(data.FullName, progress), holdout, seed,
                new StudentModelLearner(ridge), new HalfLifeRegressionLearner(hlrEpochs)));
        var warnings = StudentFitWarnings.For(report);
        var fit = report.Student;
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.fit-student", version = 1, command = "fit-student", seed, data = data.FullName, holdout,
                sessions = new { train = report.TrainSessions, test = report.TestSessions },
                studentModel = new
                {
                    alpha = fit.Alpha, alphaStandardError = Finite(fit.AlphaStandardError), alphaAtBound = fit.AlphaAtBound,
                    alphaIdentified = fit.AlphaIdentified,
                    beta = fit.Beta, betaStandardError = Finite(fit.BetaStandardError), betaAtBound = fit.BetaAtBound,
                    betaIdentified = fit.BetaIdentified, priorRate = report.Student.PriorRate,
                    logLikelihood = report.Student.LogLikelihood, iterations = report.Student.Iterations,
                    converged = report.Student.Converged, ridge,
                    items = report.Student.ItemIds.Select((id, i) => new
                    {
                        lexemeId = id, label = report.Student.Labels[i], initialRate = report.Student.InitialRates[i],
                    }),
                },
                hlr = new { right = report.Hlr.Right, wrong = report.Hlr.Wrong, bias = report.Hlr.Bias, epochs = hlrEpochs,
                    lexemes = report.Hlr.LexemeWeights.Count },
                constant = new { pRecall = report.ConstantRecall },
                metrics = new { studentModel = Metrics(report.StudentMetrics), hlr = Metrics(report.HlrMetrics),
                    constant = Metrics(report.ConstantMetrics) },
                warnings,
            });
            foreach (var w in warnings) io.Warn(w);
            return KairosCli.Ok;
        }
        io.Out.WriteLine(Inv($"sessions: {report.TrainSessions} train, {report.TestSessions} held out (seed {seed})"));
        io.Out.WriteLine(Inv($"student model: α = {Estimate(fit.Alpha, fit.AlphaStandardError, fit.AlphaAtBound)}, β = {Estimate(fit.Beta, fit.BetaStandardError, fit.BetaAtBound)} (± standard error; domain α in [0, 1), β >= 0), {fit.InitialRates.Count} items, {fit.Iterations} Newton iterations{(fit.Converged ? "" : " (not converged)")}"));
        io.Out.WriteLine(Inv($"half-life regression: right = {report.Hlr.Right:G4}, wrong = {report.Hlr.Wrong:G4}, bias = {report.Hlr.Bias:G4}"));
        var table = new Table().AddColumns("model", "log loss", "MAE", "AUC");
        foreach (var (name, m) in new[] { ("student model (ML)", report.StudentMetrics), ("half-life regression", report.HlrMetrics),
                     (Inv($"constant p̄ = {report.ConstantRecall:F3}"), report.ConstantMetrics) })
            table.AddRow(Markup.Escape(name), F(m.LogLoss), F(m.Mae), F(m.Auc));
        io.Table().Write(table);
        foreach (var w in warnings) io.Warn(w);
        return KairosCli.Ok;
    }

    private static string Estimate(double value, double se, bool atBound) =>
        Inv($"{value:G4}") + (double.IsFinite(se) ? Inv($" ± {se:G2}") : " (not identified)") + (atBound ? " (at bound 0)" : "");

    private static object Metrics(RecallMetrics m) => new { logLoss = Finite(m.LogLoss), mae = Finite(m.Mae), auc = Finite(m.Auc), sessions = m.Sessions };
    private static double? Finite(double v) => CliFormat.FiniteOrNull(v);
    private static string F(double v) => CliFormat.F4OrNa(v);
    private static string Inv(FormattableString s) => FormattableString.Invariant(s);
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
