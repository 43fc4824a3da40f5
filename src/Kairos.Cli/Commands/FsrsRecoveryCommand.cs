using System.CommandLine;
using System.Globalization;
using Kairos.Learning.Fsrs;
using Kairos.Models.SpacedRepetition.Fsrs;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos fsrs-recovery`: simulate review logs from known FSRS-6 parameters, fit each with fit-fsrs's fitter,
/// and report every parameter's recovery (estimate vs truth, spread over replicates, weakly identified ones).</summary>
public static class FsrsRecoveryCommand
{
    public const int MaxReviews = 2_000_000;

    public static Command Create(CliIO io)
    {
        var truth = new Option<string?>("--truth") { Description = "FSRS-6 model file with the true parameters (default: a built-in non-default set)." };
        var cards = new Option<int>("--cards") { Description = "Cards per simulated log, >= 10 (default 1000).", DefaultValueFactory = _ => 1000 };
        var perCard = new Option<int>("--reviews-per-card") { Description = "Reviews per card, in [2, 100] (default 10).", DefaultValueFactory = _ => 10 };
        var replicates = new Option<int>("--replicates") { Description = "Independent simulated logs, in [2, 500] (default 20).", DefaultValueFactory = _ => 20 };
        var l2 = new Option<double>("--l2") { Description = "γ of the fit's L2 pull toward the FSRS-6 defaults (default 0: pure maximum likelihood, which recovery is about; fit-fsrs uses 1).", DefaultValueFactory = _ => 0 };
        var maxIterations = new Option<int>("--max-iterations") { Description = "L-BFGS iterations per fit, >= 1 (default 300).", DefaultValueFactory = _ => 300 };
        var threads = CliOptions.Threads();
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var cmd = new Command("fsrs-recovery",
            "Parameter recovery of fit-fsrs: simulate logs from known FSRS-6 parameters, fit each, and report each parameter's " +
            "mean estimate, spread over replicates and whether it is weakly identified.\n" +
            "Example:\n  kairos fsrs-recovery --replicates 20 --seed 1 --json")
        { truth, cards, perCard, replicates, l2, maxIterations, threads, seed, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(truth), pr.GetValue(cards), pr.GetValue(perCard), pr.GetValue(replicates), pr.GetValue(l2),
            pr.GetValue(maxIterations), pr.GetValue(threads), pr.GetValue(seed), pr.GetValue(json)));
        return cmd;
    }

    private static int Run(CliIO io, string? truthPath, int cards, int perCard, int replicates, double l2, int maxIterations, int threads,
        int seed, bool json)
    {
        var problems = new List<string>();
        if (cards < 10) problems.Add($"--cards must be >= 10, got {cards}");
        if (perCard is < 2 or > 100) problems.Add($"--reviews-per-card must lie in [2, 100], got {perCard}");
        if (cards >= 10 && perCard is >= 2 and <= 100 && (long)cards * perCard > MaxReviews)
            problems.Add($"--cards × --reviews-per-card = {(long)cards * perCard} reviews is more than the limit of {MaxReviews}");
        if (replicates is < 2 or > 500) problems.Add($"--replicates must lie in [2, 500], got {replicates}");
        if (!(l2 >= 0) || double.IsInfinity(l2)) problems.Add($"--l2 must be finite and >= 0, got {l2.ToString("R", CultureInfo.InvariantCulture)}");
        if (maxIterations < 1) problems.Add($"--max-iterations must be >= 1, got {maxIterations}");
        var truth = FsrsRecovery.DefaultTruth;
        if (truthPath is not null)
            try { truth = FsrsParameterFile.Read(truthPath); }
            catch (UserInputException e) { problems.AddRange(e.Problems.Select(p => "--truth " + p)); }
        UserInputException.ThrowIfAny(problems);
        var result = io.WithProgress("fsrs-recovery", replicates, json,
            progress => FsrsRecovery.Run(truth, cards, perCard, replicates, seed, new FsrsFitter(l2, maxIterations), threads, progress));
        var weak = result.Parameters.Where(p => p.WeaklyIdentified).Select(p => $"w{p.Index}").ToList();
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.fsrs-recovery", version = 1, command = "fsrs-recovery", truth = truthPath ?? "built-in", cards,
                reviewsPerCard = perCard, replicates, seed, l2, maxIterations,
                rule = "weakly identified: RMSE over replicates > 0.25 × fsrs-rs's population spread σ (PARAMS_STDDEV), or half the fits on a bound",
                parameters = result.Parameters.Select(p => new
                {
                    name = $"w{p.Index}", truth = p.Truth, mean = p.Mean, sd = p.StandardDeviation, seMean = p.StandardErrorOfMean(replicates),
                    rmse = p.Rmse, populationSigma = p.PopulationScale, atBoundShare = p.AtBoundShare, withinTwoSd = p.WithinTwoSd,
                    weaklyIdentified = p.WeaklyIdentified,
                }),
                weaklyIdentified = weak,
                fits = result.Fits.Select(f => new { trainLogLoss = CliFormat.FiniteOrNull(f.TrainLogLoss), iterations = f.Iterations, converged = f.Converged, reviews = f.Reviews }),
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("parameter", "truth", "mean estimate", "SD (one fit)", "RMSE", "σ (fsrs-rs)", "on a bound", "|bias| ≤ 2 SD", "weak");
        foreach (var p in result.Parameters)
            table.AddRow($"w{p.Index}", G(p.Truth), G(p.Mean), G(p.StandardDeviation), G(p.Rmse), G(p.PopulationScale), Inv($"{p.AtBoundShare:P0}"),
                p.WithinTwoSd ? "yes" : "no", p.WeaklyIdentified ? "weak" : "");
        io.Out.WriteLine(Inv($"{replicates} logs of {cards} cards × {perCard} reviews, fitted with --l2 {l2:G4}; weakly identified: {(weak.Count == 0 ? "none" : string.Join(", ", weak))}"));
        io.Table().Write(table);
        return KairosCli.Ok;
    }

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
