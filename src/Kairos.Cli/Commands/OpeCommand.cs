using System.CommandLine;
using System.Globalization;
using Kairos.Data.AdLogs;
using Kairos.Decisions;
using Kairos.Environments.AdDelivery;
using Kairos.Learning.OffPolicy;
using Kairos.Policies.AdDelivery;

namespace Kairos.Cli.Commands;

/// <summary>`kairos ope ad-delivery`: off-policy estimates (IPS, SNIPS, DR) of policies' utility from a log with
/// propensities, optionally beside their true value on simulated users.</summary>
public static class OpeCommand
{
    public static Command Create(CliIO io)
    {
        var env = new Argument<string>("environment") { Description = "ad-delivery." };
        var logs = new Option<string>("--logs") { Description = "Log with propensities (.jsonl, .csv, .parquet), e.g. from `kairos simulate ad-delivery`.", Required = true };
        var policies = new Option<string>("--policies")
        {
            Description = "Comma-separated choice policies: random:RHO, logging, always, never, or file:POLICY.json (`kairos train ad-delivery`).",
            Required = true,
        };
        var truth = new Option<int>("--truth-users") { Description = "Also simulate each policy on this many fresh users for its true utility (default 0: none; only meaningful for simulated logs).", DefaultValueFactory = _ => 0 };
        var threads = CliOptions.Threads();
        var seed = CliOptions.Seed();
        var json = CliOptions.Json();
        var cmd = new Command("ope", "Off-policy evaluation from logged propensities: per-decision IPS, self-normalized IPS and " +
            "doubly robust (linear direct method) estimates of each policy's mean utility per user, with 95% intervals (studentized " +
            "bootstrap over users) and the effective sample size; below an ESS of 30 the estimates are flagged as not to be trusted. Valid under stationarity, SUTVA and no unobserved confounding (the logged propensities are " +
            "the logging policy's true probabilities given the logged history).\n" +
            "Example:\n  kairos ope ad-delivery --logs out/logs.jsonl --policies random:0.2,never --truth-users 20000 --json")
        { env, logs, policies, truth, threads, seed, json };
        cmd.SetAction(pr => Run(io, pr.GetValue(env)!, pr.GetValue(logs)!, pr.GetValue(policies)!, pr.GetValue(truth),
            pr.GetValue(threads), pr.GetValue(seed), pr.GetValue(json)));
        return cmd;
    }

    private static int Run(CliIO io, string environment, string logPath, string list, int truthUsers, int threads, int seed, bool json)
    {
        var errors = new List<string>();
        if (environment != "ad-delivery") errors.Add($"environment '{environment}': ope evaluates ad-delivery policies only.");
        if (truthUsers < 0) errors.Add($"--truth-users must be >= 0, got {truthUsers}.");
        var specs = list.Split(',', StringSplitOptions.TrimEntries);
        if (specs.Any(s => s.Length == 0)) errors.Add($"--policies '{list}' has an empty entry.");
        var policies = new List<IDeliveryPolicy>();
        foreach (var s in specs.Where(s => s.Length > 0))
        {
            try
            {
                policies.Add(s.StartsWith("file:", StringComparison.Ordinal) ? AdPolicyFile.Read(s["file:".Length..])
                    : s == "oracle" ? throw new UserInputException("--policies: the oracle plans on the simulator's true users and cannot be replayed on a log.")
                    : SimulateCommand.ParseLoggingPolicy(s, seed, "--policies"));
            }
            catch (UserInputException e) { errors.AddRange(e.Problems); }
        }
        UserInputException.ThrowIfAny(errors);
        var log = AdLogFiles.Read(logPath);
        log.RequirePropensities("off-policy evaluation");
        var model = LinearUtilityModel.Fit(log);
        var env = new AdDeliveryEnvironment();
        var rows = policies.Select((p, i) =>
        {
            var r = OffPolicyEstimators.Estimate(log, p, model, (ulong)seed, threads);
            double? truth = truthUsers > 0 ? AdLogSimulator.Simulate(env, p, truthUsers, seed, firstUser: 1 << 30, threads).Utility.Average() : null;
            return (Name: specs[i], r, truth);
        }).ToList();
        foreach (var x in rows)
            if (x.r.Ips.TrustWarning(x.Name) is { } warning) io.Warn(warning);
        if (json)
        {
            static object Est(OffPolicyEstimate e) => new { value = e.Value, lower = e.Lower, upper = e.Upper, standard_error = e.StandardError, interval = e.IntervalKind };
            io.WriteJson(new
            {
                format = "kairos.ope", version = 1, command = "ope", environment, logs = logPath, users = log.Users.Count, seed,
                policies = rows.Select(x => new
                {
                    name = x.Name, ips_utility = Est(x.r.Ips), snips_utility = Est(x.r.Snips), dr_utility = Est(x.r.Dr!), wdr_utility = Est(x.r.Wdr!),
                    effective_sample_size = x.r.Ips.EffectiveSampleSize, trusted = x.r.Ips.Trusted, warning = x.r.Ips.TrustWarning(x.Name),
                    utility = x.truth,
                }),
            });
            return KairosCli.Ok;
        }
        foreach (var x in rows)
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{x.Name}: ips {x.r.Ips.Value:G4} [{x.r.Ips.Lower:G4}, {x.r.Ips.Upper:G4}]  snips {x.r.Snips.Value:G4} [{x.r.Snips.Lower:G4}, {x.r.Snips.Upper:G4}]  " +
                $"dr {x.r.Dr!.Value:G4} [{x.r.Dr.Lower:G4}, {x.r.Dr.Upper:G4}]  ess {x.r.Ips.EffectiveSampleSize:G4}{(x.truth is { } t ? $"  true {t:G4}" : "")}"));
        return KairosCli.Ok;
    }
}
