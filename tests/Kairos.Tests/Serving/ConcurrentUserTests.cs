using Kairos.PointProcesses;
using Kairos.Serving;
using static Kairos.Tests.Serving.ServingFixtures;

namespace Kairos.Tests.Serving;

/// <summary>
/// Many requests of the same users at once (ingest and decide, on every thread the pool has, with a user capacity of 1
/// so the two users evict each other all the time): the engine applies each user's requests one at a time. Each
/// accepted request is stored exactly once, in a gapless sequence whose times never decrease; an event is refused as
/// out of order only when a later accepted one exists; and a fresh engine restoring the users from the store re-makes
/// every stored decision bit for bit. A request the store answers "unavailable" (a connection not handed out in time
/// on a starved machine) is retried with the same id, as a client does on a 503.
/// </summary>
public class ConcurrentUserTests
{
    public static TheoryData<string> Stores
    {
        get
        {
            var data = new TheoryData<string> { "memory" };
            foreach (string kind in TestStores.Durable) data.Add(kind);
            return data;
        }
    }

    private const int PerUser = 120;
    private static readonly string[] Users = ["a", "b"];

    [Theory, MemberData(nameof(Stores))]
    public async Task Equal_times_sent_at_once_are_all_accepted_and_stored_once_in_a_gapless_sequence(string kind)
    {
        await using var store = UserStores.Open(kind == "memory" ? kind : TestStores.NewSpec(kind));
        var engine = new DecisionEngine(store, Catalog(), new EngineOptions { UserCapacity = 1, SnapshotEvery = 7 });
        var outcomes = await Flood(engine, _ => 1.0);
        Assert.All(outcomes, o => Assert.True(o.Accepted, $"{o.Id} at {o.Time} was refused"));
        await AssertStoredExactlyTheAccepted(store, outcomes);
        await AssertRestoredStateDecidesAlike(store, engine);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Scrambled_times_sent_at_once_are_refused_only_behind_a_later_accepted_event(string kind)
    {
        await using var store = UserStores.Open(kind == "memory" ? kind : TestStores.NewSpec(kind));
        var engine = new DecisionEngine(store, Catalog(), new EngineOptions { UserCapacity = 1, SnapshotEvery = 7 });
        var outcomes = await Flood(engine, i => (i * 7919 % PerUser) / 10.0);
        foreach (var user in Users)
        {
            var mine = outcomes.Where(o => o.User == user).ToList();
            double latestAccepted = mine.Where(o => o.Accepted).Max(o => o.Time);
            Assert.All(mine.Where(o => !o.Accepted), o => Assert.True(o.Time < latestAccepted, $"{o.Id} at {o.Time} refused, latest accepted {latestAccepted}"));
        }
        await AssertStoredExactlyTheAccepted(store, outcomes);
        await AssertRestoredStateDecidesAlike(store, engine);
    }

    private sealed record Outcome(string User, string Id, double Time, bool Accepted);

    /// <summary>Sends <see cref="PerUser"/> requests per user, all at once: every third one an opportunity, the others
    /// one feedback event each; request i of a user carries time <paramref name="time"/>(i).</summary>
    private static async Task<List<Outcome>> Flood(DecisionEngine engine, Func<int, double> time)
    {
        using var start = new ManualResetEventSlim();
        var requests = Users.SelectMany(user => Enumerable.Range(0, PerUser).Select(i => Task.Run(async () =>
        {
            start.Wait();
            string id = $"{user}-{i}";
            double t = time(i);
            // A store that cannot hand out a connection in time answers "unavailable, retry" (HTTP 503 with
            // Retry-After); the client retries the same id, which is idempotent, for as long as the hang guard allows (a
            // count of retries was a clock in disguise: each waits for the pool's own timeout).
            var retrying = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if (i % 3 == 0) await engine.DecideAsync("choice", user, id, t);
                    else await engine.IngestAsync("choice", user, [new IncomingEvent(id, t, EventKind.Feedback, i % 3, 1.0)]);
                    return new Outcome(user, id, t, true);
                }
                catch (EventOrderException) { return new Outcome(user, id, t, false); }
                catch (ServingUnavailableException) when (retrying.Elapsed < Waits.HangGuard) { await Task.Delay(200); }
            }
        }))).ToArray();
        start.Set();
        return [.. await Task.WhenAll(requests)];
    }

    private static Task AssertStoredExactlyTheAccepted(IUserStateStore store, List<Outcome> outcomes)
    {
        var stored = store.ReadAll("choice").ToList();
        foreach (var user in Users)
        {
            var records = stored.Where(r => r.User == user).Select(r => r.Record).ToList();
            Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Seq));
            Assert.True(records.Zip(records.Skip(1)).All(p => p.First.Time <= p.Second.Time), $"user {user}: stored times decrease");
            var accepted = outcomes.Where(o => o.User == user && o.Accepted).Select(o => o.Id).Order(StringComparer.Ordinal);
            Assert.Equal(accepted, records.Select(r => r.Id!).Order(StringComparer.Ordinal));
        }
        return Task.CompletedTask;
    }

    /// <summary>A fresh engine restores each user from the store (the replay throws if a stored decision is not made
    /// again bit for bit) and plans the same next action as the engine that served the flood.</summary>
    private static async Task AssertRestoredStateDecidesAlike(IUserStateStore store, DecisionEngine served)
    {
        var restored = new DecisionEngine(store, Catalog(), new EngineOptions { SnapshotEvery = 7 });
        foreach (var user in Users)
        {
            Assert.Equal(await served.NextActionAsync("choice", user), await restored.NextActionAsync("choice", user));
            Assert.Equal(await served.UserAsync("choice", user), await restored.UserAsync("choice", user));
        }
    }
}
