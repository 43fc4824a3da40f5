using System.Globalization;
using Kairos.Data.Duolingo;
using Kairos.Environments.SpacedRepetition;
using Kairos.Learning.StudentModels;
using Kairos.Models.SpacedRepetition;
using Kairos.Numerics;
using Kairos.Reports;

namespace Kairos.Cli.Demo;

/// <summary>
/// Student-model fitting (issue 5): a Duolingo-format log is simulated from the TPPRL study's student (α, β and the
/// 50 item difficulties), written to the demo folder, and fitted by maximum likelihood (with half-life regression
/// beside it), as `kairos fit-student --data` does.
/// </summary>
public sealed class StudentFitDemoStep : IDemoStep
{
    public string Name => "student-model fit";

    public IReadOnlyList<DemoSummaryRow> Run(DemoContext context)
    {
        var truth = StudentModel.Tpprl();
        int users = context.Quick ? 60 : 400;
        var records = DuolingoSyntheticLog.Generate(truth, users, 10, 8, SeedSequence.Stream(context.Seed, 410)).ToList();
        string path = Path.Combine(context.OutputDirectory, "duolingo-synthetic.csv");
        DuolingoHlrWriter.WriteFile(path, records);
        var report = StudentModelComparison.Run(records, 0.2, context.Seed, new StudentModelLearner(), new HalfLifeRegressionLearner());
        var fit = report.Student;
        var trueRates = truth.InitialRates;
        var ids = Enumerable.Range(0, trueRates.Count).Select(i => $"lex{i:D4}").ToArray();
        var fitted = ids.Select(fit.InitialRate).ToArray();
        double medianRelError = fitted.Select((n, i) => Math.Abs(n / trueRates[i] - 1)).OrderBy(v => v).ElementAt(fitted.Length / 2);

        var section = context.Report.AddSection("Student model: maximum-likelihood fit on a Duolingo-format log");
        section.Paragraph(Inv($"{records.Count} sessions simulated from the TPPRL student (α = 0.049, β = 0.0052, 50 items), ") +
            "in the Duolingo half-life-regression CSV format; 20% held out. Reproduce with: " +
            Inv($"kairos fit-student --data {path} --seed {context.Seed}"));
        section.Table(["parameter", "true", "fitted ± SE"],
        [
            ["α", "0.049", $"{F(fit.Alpha, "F4")} ± {F(fit.AlphaStandardError, "F4")}"],
            ["β", "0.0052", $"{F(fit.Beta, "F4")} ± {F(fit.BetaStandardError, "F4")}"],
            ["median |n̂_i(0)/n_i(0) − 1|", "0", F(medianRelError, "F3")],
        ]);
        section.Table(["model", "log loss", "MAE", "AUC"],
        [
            ["student model (ML)", F(report.StudentMetrics.LogLoss, "F4"), F(report.StudentMetrics.Mae, "F4"), F(report.StudentMetrics.Auc, "F4")],
            ["half-life regression", F(report.HlrMetrics.LogLoss, "F4"), F(report.HlrMetrics.Mae, "F4"), F(report.HlrMetrics.Auc, "F4")],
            [Inv($"constant p̄ = {report.ConstantRecall:F3}"), F(report.ConstantMetrics.LogLoss, "F4"), F(report.ConstantMetrics.Mae, "F4"), "n/a"],
        ]);
        foreach (var warning in StudentFitWarnings.For(report)) section.Paragraph("Note: " + warning);
        section.Figure(Plots.Points("Initial forgetting rates: fitted vs true", "true n_i(0) (per day)", "fitted n_i(0) (per day)",
            trueRates.ToArray(), fitted, diagonal: true), "Per-item initial forgetting rates recovered by maximum likelihood.");
        return
        [
            new("student-model fit", "α fitted ± SE", $"{F(fit.Alpha, "F4")} ± {F(fit.AlphaStandardError, "F4")}", "true 0.049"),
            new("student-model fit", "β fitted ± SE", $"{F(fit.Beta, "F4")} ± {F(fit.BetaStandardError, "F4")}", "true 0.0052"),
            new("student-model fit", "held-out log loss (student / HLR)",
                $"{F(report.StudentMetrics.LogLoss, "F3")} / {F(report.HlrMetrics.LogLoss, "F3")}", Inv($"constant {report.ConstantMetrics.LogLoss:F3}")),
        ];
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
    private static string Inv(FormattableString s) => FormattableString.Invariant(s);
}
