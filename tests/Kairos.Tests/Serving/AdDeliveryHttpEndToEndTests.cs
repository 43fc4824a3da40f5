using System.Globalization;
using System.Text.Json;
using Kairos.Data.AdLogs;
using Kairos.Decisions;
using Kairos.Environments.AdDelivery;
using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Policies.AdDelivery;
using Kairos.PointProcesses;
using Kairos.Server;
using Kairos.Simulation;
using Kairos.Tests.Cli;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>
/// Issue 12 × issue 11 end to end: an ad policy trained by the CLI (simulate → fit-model → train ad-delivery) is served
/// by the real server on Kestrel; simulated ad-delivery users stream their feedback to it over HTTP and ask
/// POST /v1/users/{id}/opportunity at each opportunity, and the simulator applies the served decision. Decisions are
/// valid, propensities are recorded, `export-log` reads back as an AdLogSet with the same decisions and propensities,
/// and every decision is bit-identical to the same policy run offline on the same users: by design the service draws
/// from counter-based randomness keyed by (seed, user) and starts the user's clock at the user's first event.
/// </summary>
public sealed class AdDeliveryHttpEndToEndTests : IDisposable
{
    private const ulong Seed = 9;
    private const int EnvSeed = 77, Users = 4;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-ad-e2e-");
    private readonly AdDeliveryEnvironment _env = new();

    public void Dispose() => _dir.Delete(recursive: true);

    private string TrainedPolicy()
    {
        string log = Path.Combine(_dir.FullName, "logs.jsonl"), model = Path.Combine(_dir.FullName, "model.json"), policy = Path.Combine(_dir.FullName, "policy.json");
        AdLogFiles.Write(log, AdLogSimulator.Simulate(_env, new RandomChoicePolicy(0.5, "logging"), 40, 3).Log);
        var fit = CliRunner.Run("fit-model", "--data", log, "--ensemble", "1", "--hidden", "4", "--epochs", "2", "--out", model, "--json");
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        var train = CliRunner.Run("train", "ad-delivery", "--model", model, "--iterations", "2", "--batch", "4", "--eval-users", "10", "--out", policy, "--json");
        Assert.True(train.ExitCode == 0, train.Stderr);
        return policy;
    }

    /// <summary>One simulated user (the loop of <see cref="AdLogSimulator"/>) whose decisions come from
    /// <paramref name="decide"/>; <paramref name="observe"/> sees every feedback event before the next decision.</summary>
    private async Task<(List<Event> Events, List<(int Action, double Propensity)> Decisions)> Play(int user,
        Func<Event, Task> observe, Func<Event, Task<(int Action, double Propensity)>> decide)
    {
        var envRng = SeedSequence.Stream(EnvSeed, 2 * user);
        var episode = _env.NewEpisode(envRng);
        var events = new List<Event>();
        var decisions = new List<(int, double)>();
        while (episode.NextFeedbackTime <= _env.Config.Horizon)
        {
            var e = episode.TakeFeedback(envRng);
            events.Add(e);
            if (e.Kind != EventKind.Opportunity)
            {
                await observe(e);
                continue;
            }
            var (action, p) = await decide(e);
            decisions.Add((action, p));
            if (action == 0) episode.Decline(e, envRng);
            else events.Add(episode.Act(e.Time, action - 1, envRng));
        }
        return (events, decisions);
    }

    private static string Id(int user) => $"user-{user}";

    [Fact]
    public async Task Simulated_users_played_over_http_match_the_policy_offline_and_export_as_an_ad_log()
    {
        string policyFile = TrainedPolicy();
        string db = Path.Combine(_dir.FullName, "kairos.db");
        var online = new List<(List<Event> Events, List<(int, double)> Decisions)>();
        await using (var server = await LiveServer.StartAsync(new ServerOptions { Store = $"sqlite:{db}", PolicyFile = policyFile, Seed = Seed }))
        {
            var c = server.Client;
            for (int u = 0; u < Users; u++)
            {
                int n = 0;
                string path = $"/v1/users/{Id(u)}";
                online.Add(await Play(u,
                    async e =>
                    {
                        var row = new Dictionary<string, object> { ["id"] = $"e{n++}", ["time"] = e.Time, ["kind"] = "feedback", ["mark"] = e.Mark };
                        if (e.Value is { } v) row["value"] = v;
                        string body = JsonSerializer.Serialize(new { events = new[] { row } });
                        var (status, answer) = await Post(c, path + "/events", body);
                        Assert.True(status == 200, answer.ToString());
                    },
                    async e =>
                    {
                        string body = string.Create(CultureInfo.InvariantCulture, $$"""{"id":"o{{n++}}","time":{{e.Time:R}}}""");
                        var (status, answer) = await Post(c, path + "/opportunity", body);
                        Assert.True(status == 200, answer.ToString());
                        return (answer.GetProperty("action").GetInt32(), answer.GetProperty("propensity").GetDouble());
                    }));
            }
        }
        int ads = _env.Config.AdCount;
        Assert.All(online.SelectMany(x => x.Decisions), d =>
        {
            Assert.InRange(d.Item1, 0, ads);
            Assert.InRange(d.Item2, double.Epsilon, 1);
        });
        int decided = online.Sum(x => x.Decisions.Count);
        Assert.True(decided >= 10, $"only {decided} opportunities");
        Assert.True(online.SelectMany(x => x.Decisions).Select(d => d.Item1).Distinct().Count() >= 2, "the served policy never varied its decision");

        // The same policy offline: state keyed by (seed, user), clock from the user's first event, as the service does.
        var policy = AdPolicyFile.Read(policyFile);
        for (int u = 0; u < Users; u++)
        {
            IPolicyState? state = null;
            IPolicyState State(Event first) => state ??= policy.CreateState(new PolicyContext(policy.Model.Layout.Ads, 0, Origin: first.Time),
                new DecisionRandom(DecisionRandom.KeyFor(Seed, Id(u))));
            var offline = await Play(u,
                e => { State(e).Observe(e, []); return Task.CompletedTask; },
                e =>
                {
                    var d = State(e).Decide(e, []);
                    if (d.Acts) state!.Observe(new Event(e.Time, EventKind.Action, d.Mark), []);
                    return Task.FromResult((d.Acts ? d.Mark + 1 : 0, d.Probability));
                });
            Assert.Equal(online[u].Events, offline.Events);
            Assert.Equal(online[u].Decisions.Count, offline.Decisions.Count);
            for (int k = 0; k < offline.Decisions.Count; k++)
            {
                Assert.Equal(offline.Decisions[k].Item1, online[u].Decisions[k].Item1);
                Assert.Equal(BitConverter.DoubleToInt64Bits(offline.Decisions[k].Item2), BitConverter.DoubleToInt64Bits(online[u].Decisions[k].Item2));
            }
        }

        // export-log → an AdLogSet with every user's decisions and their propensities, in order.
        string exported = Path.Combine(_dir.FullName, "served.jsonl");
        var export = CliRunner.Run("export-log", "--store", $"sqlite:{db}", "--out", exported);
        Assert.True(export.ExitCode == 0, export.Stderr);
        var log = AdLogFiles.Read(exported);
        Assert.Equal(Users, log.Users.Count);
        for (int u = 0; u < Users; u++)
        {
            var user = log.Users.Single(x => x.User == Id(u));
            var decisions = online[u].Decisions;
            Assert.Equal(decisions.Count, user.Decisions.Count);
            for (int k = 0; k < decisions.Count; k++)
            {
                Assert.Equal(decisions[k].Item1, user.DecisionMark(k));
                Assert.Equal(decisions[k].Item2, user.Propensities[k]);
            }
            Assert.Equal(online[u].Events.Count(e => e.Kind == EventKind.Feedback), user.Events.Count(e => e.Kind == EventKind.Feedback));
        }
    }
}
