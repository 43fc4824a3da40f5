using System.Globalization;
using Kairos.Environments.Broadcasting;
using Kairos.Evaluation.Broadcasting;
using Kairos.Numerics;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos evaluate broadcasting`: one broadcaster, from logs (--posts, --follows, --broadcaster) or the seeded
/// generator (user 0 of `kairos experiment broadcasting` with the same --seed), evaluated by
/// <see cref="BroadcasterEvaluation"/>; metrics and their ratios to uniform Poisson at the same budget.</summary>
internal static class BroadcastingEvaluation
{
    public sealed record Request(string? Policies, int Runs, double? Budget, string Feed, string? Posts, string? Follows,
        string? Broadcaster, int Threads, int Seed, bool Json);

    public static int Run(CliIO io, Request q)
    {
        var errors = new List<string>();
        FeedKind feed = FeedKind.Prioritized;
        try { feed = FeedKinds.Parse(q.Feed); } catch (UserInputException e) { errors.Add(e.Message); }
        IReadOnlyList<BroadcastingPolicySpec> specs = [];
        try { specs = BroadcastingPolicySpec.ParseList(q.Policies ?? "poisson,redqueen,karimi,tpprl"); }
        catch (UserInputException e) { errors.AddRange(e.Problems); }
        if (q.Runs is < 1 or > 100_000) errors.Add($"--episodes must lie in [1, 100000] (test runs per policy), got {q.Runs}");
        if (q.Budget is { } b && !(b > 0 && b <= 1e6)) errors.Add($"--budget must lie in (0, 1000000] posts per window, got {b.ToString(CultureInfo.InvariantCulture)}");
        int logFlags = new[] { q.Posts, q.Follows, q.Broadcaster }.Count(x => x is not null);
        if (logFlags is 1 or 2) errors.Add("--posts, --follows and --broadcaster go together: give all three to replay a log, or none for the seeded generator");
        UserInputException.ThrowIfAny(errors);

        var world = logFlags == 3
            ? BroadcastLogReader.Read(q.Posts!, q.Follows!, q.Broadcaster!)
            : SyntheticBroadcastWorld.Generate(SeedSequence.Stream(q.Seed, 0), name: "user-000");
        var settings = new BroadcastingSettings
        {
            Feed = feed, Runs = q.Runs, Seed = SeedSequence.Derive(q.Seed, 0), Threads = q.Threads, FixedBudget = q.Budget,
        };
        if (specs.Any(p => p.Learned && p.File is null) && !world.HasTrainingWindows)
            throw new UserInputException($"--policies: training tpprl needs a log longer than two test windows before its last {world.WindowPosts} posts; give tpprl:FILE or a longer --posts log");
        var result = io.WithProgress($"evaluate broadcasting ({feed.Name()})", 1, q.Json,
            progress => BroadcasterEvaluation.Run(world, world.Name, specs, settings, status => progress.Report(0, status)));
        if (q.Json)
        {
            io.WriteJson(new
            {
                format = "kairos.evaluate", version = 1, command = "evaluate", environment = "broadcasting", feed = feed.Name(),
                episodes = q.Runs, seed = q.Seed, broadcaster = world.Name, followers = world.FollowerCount, sources = world.SourceCount,
                window = new { length = result.Horizon, unit = world.TimeUnit, posts_of_others = world.WindowPosts },
                budget = result.Budget,
                policies = result.Policies.Select(p => new
                {
                    name = p.Policy, posts = p.Posts, metrics = p.Metrics, ratios = p.Ratios,
                    budget_match = new { knob = p.Knob, evaluations = p.BudgetEvaluations },
                }),
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("policy", "posts", "avg_rank", "rank2", "time_at_top", "avg_rank_ratio", "rank2_ratio", "time_at_top_ratio");
        foreach (var p in result.Policies)
            table.AddRow(p.Policy, F(p.Posts), F(p.Metrics["avg_rank"]), F(p.Metrics["rank2"]), F(p.Metrics["time_at_top"]),
                F(p.Ratios["avg_rank_ratio"]), F(p.Ratios["rank2_ratio"]), F(p.Ratios["time_at_top_ratio"]));
        table.Caption($"{world.Name}: {world.FollowerCount} followers, window {F(result.Horizon)} {world.TimeUnit}, budget {F(result.Budget)} posts; ratios ÷ uniform Poisson");
        io.Table().Write(table);
        return KairosCli.Ok;
    }

    private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
