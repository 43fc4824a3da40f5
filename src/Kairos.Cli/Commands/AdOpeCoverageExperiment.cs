using System.CommandLine;
using System.Globalization;
using Kairos.Environments.AdDelivery;
using Kairos.Learning.OffPolicy;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos experiment ad-ope-coverage --reps 50`: coverage of a target policy's true utility by the IPS, SNIPS
/// and DR 95% intervals over seeded logs of the ad-delivery simulator (<see cref="OpeCoverageStudy"/>), beside the
/// logged mean as a negative control; the check passes when SNIPS and DR cover in ≥ 90% of the repetitions.</summary>
public sealed class AdOpeCoverageExperiment
{
    public const string Name = "ad-ope-coverage";
    public const double Required = 0.9;

    private readonly Option<int> _reps = new("--reps") { Description = "ad-ope-coverage: seeded logs, in [1, 10000] (default 50).", DefaultValueFactory = _ => 50 };
    private readonly Option<int> _logUsers = new("--log-users") { Description = "ad-ope-coverage: users per log, in [2, 1000000] (default 200).", DefaultValueFactory = _ => 200 };
    private readonly Option<int> _truthUsers = new("--truth-users") { Description = "ad-ope-coverage: users simulated under the target for its true value, in [2, 10000000] (default 20000).", DefaultValueFactory = _ => 20_000 };
    private readonly Option<string> _logging = new("--logging-policy") { Description = "ad-ope-coverage: the policy that wrote the logs, random:RHO or a baseline (default random:0.5).", DefaultValueFactory = _ => "random:0.5" };
    private readonly Option<string> _target = new("--target") { Description = "ad-ope-coverage: the policy evaluated, random:RHO or a baseline (default random:0.2).", DefaultValueFactory = _ => "random:0.2" };

    public IEnumerable<Option> Options => [_reps, _logUsers, _truthUsers, _logging, _target];

    public int Run(CliIO io, ParseResult pr, int threads, int seed, bool json)
    {
        int reps = pr.GetValue(_reps), logUsers = pr.GetValue(_logUsers), truthUsers = pr.GetValue(_truthUsers);
        var errors = new List<string>();
        if (reps is < 1 or > 10_000) errors.Add($"--reps must lie in [1, 10000], got {reps}");
        if (logUsers is < 2 or > 1_000_000) errors.Add($"--log-users must lie in [2, 1000000], got {logUsers}");
        if (truthUsers is < 2 or > 10_000_000) errors.Add($"--truth-users must lie in [2, 10000000], got {truthUsers}");
        string loggingName = pr.GetValue(_logging)!, targetName = pr.GetValue(_target)!;
        Decisions.IDeliveryPolicy? logging = null, target = null;
        try { logging = SimulateCommand.ParseLoggingPolicy(loggingName, seed); } catch (UserInputException e) { errors.Add(e.Message); }
        try { target = SimulateCommand.ParseLoggingPolicy(targetName, seed, "--target"); } catch (UserInputException e) { errors.Add(e.Message); }
        UserInputException.ThrowIfAny(errors);
        var settings = new OpeCoverageStudy.Settings(reps, logUsers, truthUsers, seed, threads);
        var result = io.WithProgress($"experiment {Name}", reps, json,
            progress => OpeCoverageStudy.Run(new AdDeliveryEnvironment(), logging!, target!, settings, OpeCoverageStudy.Standard, progress));
        bool passes = result.Rows.Where(r => r.Name is "snips" or "dr").All(r => OpeCoverageStudy.Passes(r, Required));
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.experiment", version = 1, experiment = Name, reps, log_users = logUsers, truth_users = truthUsers,
                logging_policy = loggingName, target = targetName, seed,
                truth = new { value = result.Truth, standard_error = result.TruthStandardError },
                required_coverage = Required, snips_and_dr_pass = passes,
                estimators = result.Rows.Select(r => new
                {
                    name = r.Name, covered = r.Covered, coverage = r.Coverage, mean_estimate = r.MeanEstimate,
                    mean_half_width = r.MeanHalfWidth, rmse = r.RootMeanSquareError, missed_low = r.MissedLow, missed_high = r.MissedHigh,
                    estimate_sd = r.EstimateStandardDeviation, mean_standard_error = r.MeanStandardError,
                    passes = OpeCoverageStudy.Passes(r, Required),
                }),
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("estimator", "covered", "coverage", "missed low/high", "mean estimate", "mean ± half-width", "RMSE", "sd of estimates", "mean s.e.");
        foreach (var r in result.Rows)
            table.AddRow(r.Name, $"{r.Covered}/{r.Reps}", F(r.Coverage), $"{r.MissedLow}/{r.MissedHigh}", F(r.MeanEstimate), F(r.MeanHalfWidth),
                F(r.RootMeanSquareError), F(r.EstimateStandardDeviation), F(r.MeanStandardError));
        table.Caption(string.Create(CultureInfo.InvariantCulture,
            $"true value of {targetName}: {result.Truth:G4} ± {result.TruthStandardError:G2} ({truthUsers} users); logs: {reps} × {logUsers} users under {loggingName}; SNIPS and DR ≥ 90%: {(passes ? "yes" : "NO")}"));
        io.Table().Write(table);
        return KairosCli.Ok;
    }

    private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
