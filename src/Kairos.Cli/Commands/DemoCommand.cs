using System.CommandLine;
using System.Diagnostics;
using Kairos.Cli.Demo;
using Kairos.Reports;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos demo`: runs every capability on embedded defaults, prints a summary table and writes
/// kairos-demo/report.html.</summary>
public static class DemoCommand
{
    public static Command Create(CliIO io)
    {
        var seed = CliOptions.Seed(42);
        var json = CliOptions.Json();
        var outDir = new Option<string>("--out-dir")
        {
            Description = "Folder for report.html and the demo's data files (default kairos-demo).",
            DefaultValueFactory = _ => "kairos-demo",
        };
        var quick = new Option<bool>("--quick") { Description = "Smaller sizes everywhere (for tests)." };
        var cmd = new Command("demo", "Run every capability on embedded defaults; print a summary and write an HTML report.\n" +
            "Examples:\n  kairos demo\n  kairos demo --seed 7 --out-dir out/demo --json")
        { seed, json, outDir, quick };
        cmd.SetAction(pr => Run(io, pr.GetValue(seed), pr.GetValue(json), pr.GetValue(outDir)!, pr.GetValue(quick)));
        return cmd;
    }

    private static int Run(CliIO io, int seed, bool json, string outDir, bool quick)
    {
        if (File.Exists(outDir))
            throw new UserInputException($"--out-dir {outDir}: is a file, not a folder; pass a folder name (it is created if missing).");
        Directory.CreateDirectory(outDir);
        var report = new HtmlReport("Kairos demo report");
        report.AddSection("About this report").Paragraph(
            $"Produced by `kairos demo --seed {seed}` on embedded defaults. Every number here can be reproduced with that command.");
        var steps = DemoSteps.All();
        var rows = new List<DemoSummaryRow>();
        var timings = new List<(string Step, double Seconds)>();
        var costs = steps.Select(DemoStepCosts.ExpectedSeconds).ToArray();
        var starts = DemoStepCosts.Starts(costs);
        io.WithProgress("kairos demo", costs.Sum(), json, progress =>
        {
            for (int i = 0; i < steps.Count; i++)
            {
                progress.Report(starts[i], steps[i].Name);
                var sw = Stopwatch.StartNew();
                rows.AddRange(steps[i].Run(new DemoContext(report, seed, outDir, new NullSink(), quick)));
                timings.Add((steps[i].Name, sw.Elapsed.TotalSeconds));
            }
            progress.Report(costs.Sum());
            return 0;
        });
        string reportPath = Path.Combine(outDir, "report.html");
        report.AddSection("Demo summary").Table(["capability", "metric", "value", "reference"],
            rows.Select(r => (IReadOnlyList<string>)[r.Capability, r.Metric, r.Value, r.Reference]));
        report.Write(reportPath);
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.demo", version = 1, command = "demo", seed, report = reportPath,
                steps = timings.Select(t => new { name = t.Step, seconds = Math.Round(t.Seconds, 3) }),
                summary = rows,
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("capability", "metric", "value", "reference");
        foreach (var r in rows) table.AddRow(Markup.Escape(r.Capability), Markup.Escape(r.Metric), Markup.Escape(r.Value), Markup.Escape(r.Reference));
        io.Table().Write(table);
        io.Out.WriteLine($"Report written to {reportPath}");
        return KairosCli.Ok;
    }

    private sealed class NullSink : IProgressSink
    {
        public void Report(double done, string? status = null) { }
    }
}
