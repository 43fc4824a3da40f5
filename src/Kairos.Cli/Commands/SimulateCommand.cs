using System.CommandLine;
using System.Globalization;
using Kairos.Data.AdLogs;
using Kairos.Decisions;
using Kairos.Environments.AdDelivery;
using Kairos.Policies;
using Kairos.Scenarios;

namespace Kairos.Cli.Commands;

/// <summary>`kairos simulate ad-delivery`: logs of synthetic users under a logging policy, in the ad-log format.</summary>
public static class SimulateCommand
{
    public const int MaxUsers = 10_000_000;

    public static Command Create(CliIO io)
    {
        var env = new Argument<string>("environment") { Description = "What to simulate: ad-delivery." };
        var users = new Option<int>("--users") { Description = $"Number of users, in [1, {MaxUsers}] (default 1000).", DefaultValueFactory = _ => 1000 };
        var logging = new Option<string>("--logging-policy")
        {
            Description = "The policy that decides at each opportunity and whose probabilities are logged: random:RHO (an ad with " +
                $"probability RHO, uniformly among the ads; default random:{AdDeliveryScenario.LoggingActProbability.ToString(CultureInfo.InvariantCulture)}), " +
                "or a baseline: logging, always, never, oracle (deterministic: propensity 1, so off-policy estimates of other policies are impossible).",
            DefaultValueFactory = _ => "random:" + AdDeliveryScenario.LoggingActProbability.ToString(CultureInfo.InvariantCulture),
        };
        var firstUser = new Option<int>("--first-user") { Description = "Index of the first user (users u<i>, i from here; default 0). Logs with disjoint ranges under one seed are disjoint users of one population.", DefaultValueFactory = _ => 0 };
        var threads = CliOptions.Threads();
        var output = new Option<string>("--out") { Description = "Log file: .jsonl, .csv or .parquet; marks.json is written beside it.", Required = true };
        var seed = CliOptions.Seed();
        var cmd = new Command("simulate", "Simulate users of an environment under a logging policy and write their log " +
            "(user,time,kind,mark,value,propensity; window rows per user).\n" +
            "Assumptions of the setting (Merkov & Rohde): stationarity (the users' laws do not drift), SUTVA (no " +
            "interference between users) and no unobserved confounding (the logging policy sees only the logged history, " +
            "and its probabilities are logged).\n" +
            "Example:\n  kairos simulate ad-delivery --users 2000 --logging-policy random:0.5 --seed 1 --out out/logs.parquet")
        { env, users, logging, firstUser, threads, output, seed };
        cmd.SetAction(pr => Run(io, pr.GetValue(env)!, pr.GetValue(users), pr.GetValue(logging)!, pr.GetValue(firstUser),
            pr.GetValue(threads), pr.GetValue(output)!, pr.GetValue(seed)));
        return cmd;
    }

    /// <summary>random:RHO or a baseline name of ad-delivery.</summary>
    public static IDeliveryPolicy ParseLoggingPolicy(string text, int seed, string flag = "--logging-policy")
    {
        var scenario = new AdDeliveryScenario();
        if (text.StartsWith("random", StringComparison.Ordinal))
        {
            string rest = text["random".Length..];
            double rho = AdDeliveryScenario.LoggingActProbability;
            if (rest.Length > 0 && !(rest[0] == ':' && double.TryParse(rest[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out rho)))
                throw new UserInputException($"{flag} '{text}': expected random:RHO with RHO a number in (0, 1], e.g. random:0.5.");
            if (!(rho > 0 && rho <= 1))
                throw new UserInputException($"{flag} '{text}': RHO must lie in (0, 1], got {rho.ToString("R", CultureInfo.InvariantCulture)}.");
            return new RandomChoicePolicy(rho, text);
        }
        if (!scenario.BaselineNames.Contains(text))
            throw new UserInputException($"{flag} '{text}': unknown policy.{DidYouMean.Hint(text, [.. scenario.BaselineNames, "random"])} " +
                $"Valid: random:RHO, {string.Join(", ", scenario.BaselineNames)}.");
        return scenario.CreateBaseline(text, null, seed);
    }

    private static int Run(CliIO io, string environment, int users, string logging, int firstUser, int threads, string output, int seed)
    {
        var errors = new List<string>();
        if (environment != "ad-delivery") errors.Add($"environment '{environment}': simulate writes logs of ad-delivery only.");
        if (users < 1 || users > MaxUsers) errors.Add($"--users must lie in [1, {MaxUsers}], got {users}.");
        if (firstUser < 0) errors.Add($"--first-user must be >= 0, got {firstUser}.");
        try { AdLogFiles.DetectFormat(output); } catch (UserInputException e) { errors.Add("--out " + e.Message); }
        IDeliveryPolicy? policy = null;
        try { policy = ParseLoggingPolicy(logging, seed); } catch (UserInputException e) { errors.Add(e.Message); }
        UserInputException.ThrowIfAny(errors);
        var env = new AdDeliveryEnvironment();
        var result = io.WithMeasuredProgress("simulate ad-delivery", users, false, $"--users {users}", "users",
            progress => AdLogSimulator.Simulate(env, policy!, users, seed, firstUser, threads, progress));
        try { AdLogFiles.Write(output, result.Log); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"--out {output}: {e.Message}"); }
        int rows = result.Log.Users.Sum(u => u.Events.Count + 1);
        io.Info(string.Create(CultureInfo.InvariantCulture,
            $"wrote {CliFormat.Count(users, "user")}, {CliFormat.Count(rows, "row")} to {output} (mean utility {result.Utility.Average():G4} under {policy!.Name})"));
        return KairosCli.Ok;
    }
}
