using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>
/// The relay under SIGKILL: `kairos serve --emit-actions` (a uniform policy at 4 actions per second, user time = Unix
/// seconds) while three users stream events and a consumer follows GET /v1/actions; the server is SIGKILLed mid-stream
/// and restarted on the same store. Nothing the consumer read is lost or renumbered; every outbox row is exactly one
/// action record of the user's history and vice versa (committed together); every emitted action is the plan the
/// user's state held at that point (replayed offline with the same seed), so no plan was emitted twice or under
/// another id; and the restarted server keeps emitting.
/// <para>No step depends on how fast the machine is: the first streams run until the kill (it needs 20 acknowledgements
/// and an action the consumer has read, which a stream of fixed length could end before on a starved machine), and
/// the restarted server is watched until the consumer reads an action it emitted (not for a fixed 600 ms).</para>
/// </summary>
public class EmitCrashTests
{
    private const int Users = 3, KillAfterAcks = 20, StepsAfterRestart = 6;
    private const int MaxSteps = 2_000;   // a guard against a hang (80 s of steps), not a timing
    private const ulong Seed = 5;

    public static TheoryData<string> Stores => TestStores.Durable;

    [Theory, MemberData(nameof(Stores))]
    public async Task No_emitted_action_is_lost_or_emitted_twice_across_SIGKILL(string store)
    {
        string policy = LiveServer.BaselineFile("uniform", "rate", 4);
        string db = TestStores.NewSpec(store);
        var before = new Dictionary<string, long>();   // id → cursor, as the consumer saw them before the kill
        int acks = 0, killed = 0;
        int[] resume;
        using (var child = await ServerProcess.StartAsync(db, policy, (int)Seed, "--emit-actions"))
        {
            using var stop = new CancellationTokenSource();
            var consumer = Consume(child.Client, before, stop.Token);
            resume = await Task.WhenAll(Enumerable.Range(0, Users).Select(u => Stream(child.Client, u, 0, MaxSteps, () =>
            {
                // Killed once the consumer has read at least one action: on a starved machine the first emission can
                // come after the KillAfterAcks-th acknowledgement.
                if (Interlocked.Increment(ref acks) >= KillAfterAcks && Count(before) > 0 && Interlocked.Exchange(ref killed, 1) == 0)
                    child.Kill();
            })));
            stop.Cancel();
            await consumer;
        }
        Assert.True(resume.All(r => r < MaxSteps), $"the server was not killed within {MaxSteps} steps per user (consumer read {Count(before)} actions)");

        var after = new Dictionary<string, long>();
        using (var restarted = await ServerProcess.StartAsync(db, policy, (int)Seed, "--emit-actions"))
        {
            using var stop = new CancellationTokenSource();
            var consumer = Consume(restarted.Client, after, stop.Token);
            await Task.WhenAll(Enumerable.Range(0, Users).Select(u => Stream(restarted.Client, u, resume[u], resume[u] + StepsAfterRestart)));
            long seenBefore = before.Values.Max();
            // Until the consumer has read an action the restarted server emitted (each user's last plan falls due a
            // quarter of a second after its last event on average), with a generous guard against a hang.
            await Waits.Until(() => Task.FromResult(Emitted(after, seenBefore)), "an action the restarted server emitted");
            stop.Cancel();
            await consumer;
            restarted.Kill();
        }

        var outbox = await EmittedPlans.AssertEmittedOnceAsPlanned(db, policy, Seed);
        var cursors = outbox.ToDictionary(a => a.Id, a => a.Cursor);
        Assert.All(before.Concat(after), seen => Assert.Equal(seen.Value, cursors[seen.Key]));   // nothing the consumer read was lost or renumbered
        Assert.NotEmpty(before);
        Assert.Contains(after.Values, c => c > before.Values.Max());   // the restarted server emits too
    }

    /// <summary>Posts steps [from, to) of user u, each one event at the current Unix time; an event that an
    /// emitted action has overtaken (409 on its time: earlier than the user's last event) is sent again with a fresh
    /// time; the step the kill interrupted may already be stored (409 on its id when resent with a new time).</summary>
    private static async Task<int> Stream(HttpClient c, int u, int from, int to, Action? onAck = null)
    {
        for (int step = from; step < to; step++)
        {
            try
            {
                var refusing = System.Diagnostics.Stopwatch.StartNew();
                while (true)
                {
                    double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
                    var (status, body) = await Post(c, $"/v1/users/x{u}/events", Events(($"x{u}-{step}", now)));
                    Assert.True(status is 200 or 409, $"status {status}");
                    // 409 on the id: the event was committed just before the kill, unacknowledged; 409 on the time: an
                    // emitted action overtook it on the user's clock, so it goes again with a fresh time.
                    if (status == 200 || body.GetProperty("field").GetString() == "events[0].id") break;
                    // Overtaken again only if another action fell due between taking the time and the server applying
                    // the event: on a starved machine (a second between the two, at 4 actions per second) that is most
                    // attempts, so a count of attempts was no hang guard; minutes of refusals are.
                    Assert.True(refusing.Elapsed < Waits.HangGuard, $"event x{u}-{step} refused for {Waits.HangGuard.TotalMinutes} minutes: {body.GetRawText()}");
                }
                onAck?.Invoke();
                await Task.Delay(40);
            }
            catch (HttpRequestException) { return step; }
        }
        return to;
    }

    private static int Count(Dictionary<string, long> seen) { lock (seen) return seen.Count; }

    private static bool Emitted(Dictionary<string, long> seen, long afterCursor) { lock (seen) return seen.Values.Any(c => c > afterCursor); }

    /// <summary>Follows the outbox from cursor 0 until stopped or the server dies, remembering each id's cursor.</summary>
    private static async Task Consume(HttpClient c, Dictionary<string, long> seen, CancellationToken stop)
    {
        long after = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var (_, page) = await Get(c, $"/v1/actions?after={after}&limit=100");
                foreach (var a in page.GetProperty("actions").EnumerateArray())
                    lock (seen) seen[a.GetProperty("id").GetString()!] = a.GetProperty("cursor").GetInt64();
                after = page.GetProperty("next").GetInt64();
                await Task.Delay(30, stop);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException) { }
    }
}
