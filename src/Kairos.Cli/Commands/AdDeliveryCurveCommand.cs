using System.CommandLine;
using System.Globalization;
using Kairos.Evaluation;
using Kairos.Reports;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos experiment ad-delivery-curve --from DIR`: the utility of the planning policies against log size, from the
/// per-log files of `kairos experiment ad-delivery --sizes … --log-seeds … --out DIR` (<see cref="AdLogSizeCurve"/>), as a
/// table, JSON and a plot. Runs nothing; reads a finished or stopped run. A subcommand of `experiment`.</summary>
public static class AdDeliveryCurveCommand
{
    public static Command Subcommand(CliIO io)
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "Folder written by `kairos experiment ad-delivery --out` (baselines.json, utility-N-sSEED.json).", Required = true };
        var plot = new Option<string?>("--plot") { Description = "Also write the curve as a PNG to this file: utility per user against log size with the baselines as reference lines, and the differences against plan-plugin (default: none)." };
        var json = CliOptions.Json();
        var cmd = new Command("ad-delivery-curve",
            "Ad delivery (issue 12): utility per held-out user of plan, plan-plugin and plan-thompson against log size, from a run of " +
            "`kairos experiment ad-delivery --sizes … --log-seeds … --out out/curve` (finished or stopped early: only logs evaluated at every size are used). " +
            "95% intervals count the logs and the held-out users as random (pigeonhole bootstrap variance); the differences against plan-plugin also " +
            "get a t interval over the per-log means. Baselines (oracle, oracle-bayes, logging, never) are reference lines, intervals over the users.\n" +
            "Example:\n  kairos experiment ad-delivery-curve --from out/curve --plot out/curve.png --json")
        { from, plot, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(from)!, pr.GetValue(plot), pr.GetValue(json)));
        return cmd;
    }

    private static int Run(CliIO io, DirectoryInfo from, string? plot, bool json)
    {
        if (plot is not null && string.IsNullOrWhiteSpace(plot)) throw new UserInputException("--plot needs a file path");
        AdLogSizeCurveResult result;
        try { result = AdLogSizeCurveFiles.Read(from.FullName); }
        catch (InvalidDataException e) { throw new UserInputException($"--from {e.Message}"); }
        if (plot is not null)
        {
            try { File.WriteAllBytes(plot, AdLogSizeCurvePlots.Png(result)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"--plot {plot}: {e.Message}"); }
            io.Info("plot: " + Path.GetFullPath(plot));
        }
        if (json)
        {
            static object I(AdCurveInterval i) => new { mean = i.Mean, se = i.StandardError, lower = i.Lower, upper = i.Upper };
            static object L(AdCurveLevel l) => new { policy = l.Policy, utility = I(l.Utility), perLog = l.PerLog, adsPerUser = l.AdsPerUser };
            io.WriteJson(new
            {
                format = "kairos.ad-delivery-curve", version = 1, from = from.ToString(), logSeeds = result.LogSeeds, incompleteLogSeeds = result.IncompleteLogSeeds,
                references = result.References.Select(L),
                points = result.Points.Select(p => new
                {
                    users = p.Users, logs = p.LogSeeds.Count, logSeeds = p.LogSeeds, heldOutLogLikelihoodPerEvent = p.HeldOutLogLikelihoodPerEvent, laplacePriors = p.LaplacePriors,
                    policies = p.Policies.Select(L),
                    differences = p.Differences.Select(d => new
                    {
                        policy = d.Policy, versus = d.Versus, crossed = I(d.Crossed),
                        tOverLogs = d.TLower is { } lo && d.TUpper is { } hi ? new { lower = lo, upper = hi } : null,
                        perLog = d.PerLog, betweenLogSd = d.BetweenLogSd, perUserRms = d.PerUserRms,
                    }),
                }),
            });
            return KairosCli.Ok;
        }
        var t = new Table().AddColumns(["log users (logs)", .. result.Points[0].Policies.Select(l => $"{l.Policy} (95% CI; ads)"), .. result.Points[0].Differences.Select(d => $"{d.Policy} − {d.Versus} (95% CI)")]);
        foreach (var p in result.Points)
            t.AddRow([$"{p.Users.ToString(CultureInfo.InvariantCulture)} ({p.LogSeeds.Count})", .. p.Policies.Select(l => Markup.Escape($"{Interval(l.Utility)}; {F(l.AdsPerUser)}")),
                .. p.Differences.Select(d => Markup.Escape(Interval(d.Crossed)))]);
        t.Caption(Markup.Escape("references: " + string.Join("; ", result.References.Select(r => $"{r.Policy} {Interval(r.Utility)}")) +
            (result.IncompleteLogSeeds.Count > 0 ? $"; left out (not at every size): log seeds {string.Join(", ", result.IncompleteLogSeeds)}" : "")));
        io.Table().Write(t);
        return KairosCli.Ok;
    }

    private static string Interval(AdCurveInterval i) => $"{F(i.Mean)} [{F(i.Lower)}, {F(i.Upper)}]";
    private static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
}
