using System.Diagnostics;
using Kairos.Orleans;
using Kairos.PointProcesses;
using Kairos.Serving;

namespace Kairos.Tests.Cluster;

/// <summary>A silo killed mid-stream in the in-process cluster: every call either succeeds or is
/// <see cref="ServingUnavailableException"/> within the request timeout (never another error, never a hang); after
/// failover every acknowledged event is stored exactly once and decisions continue as an uninterrupted single
/// node's.</summary>
public sealed class FailoverTests : IAsyncLifetime
{
    // The silos keep a 10 s response timeout: a call forwarded to the killed silo must fail over within the call bound.
    private readonly TestClusterFixture _fixture = new(TimeSpan.FromSeconds(10));
    private const int Users = 6, Steps = 12;
    // The 3 s request timeout plus slack for a CPU-starved machine, once the time this process was stalled during the
    // call is taken out (HostStalls: the silos run in this process, so a stall holds the call and its timeout alike); a
    // call that waited for the silos' own 10 s response timeout instead would still fail.
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(10);
    private readonly HostStalls _stalls = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync()
    {
        _stalls.Dispose();
        return _fixture.DisposeAsync();
    }

    /// <summary>Calls until an answer other than 503; records each attempt's (sent timestamp, duration).</summary>
    private static async Task<T> Retry<T>(Func<Task<T>> call, List<(long Sent, TimeSpan Took)> callTimes)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            long sent = Stopwatch.GetTimestamp();
            try { return await call(); }
            catch (ServingUnavailableException) when (deadline.Elapsed < TimeSpan.FromSeconds(60)) { await Task.Delay(100); }
            finally { lock (callTimes) callTimes.Add((sent, Stopwatch.GetElapsedTime(sent))); }
        }
    }

    [Fact]
    public async Task Killing_a_silo_loses_no_acknowledged_event_and_decisions_continue()
    {
        var service = new OrleansDecisionService(_fixture.Cluster.Client, _fixture.Options with { RequestTimeout = TimeSpan.FromSeconds(3) });
        var single = new DecisionEngine(new InMemoryUserStateStore(), new PolicyCatalog([TestClusterFixture.Policy(), TestClusterFixture.ChoicePolicy()]));
        var callTimes = new List<(long Sent, TimeSpan Took)>();
        var victim = _fixture.Cluster.Silos[^1];
        async Task Stream(int u)
        {
            string user = $"f{u}";
            for (int step = 0; step < Steps; step++)
            {
                if (u == 0 && step == Steps / 2) await _fixture.Cluster.KillSiloAsync(victim);
                IncomingEvent[] events = [new($"{user}-e{step}", step, EventKind.Feedback, 0, 1.0)];
                Assert.Equal(await single.IngestAsync("choice", user, events), await Retry(() => service.IngestAsync("choice", user, events), callTimes));
                var expected = await single.DecideAsync("choice", user, $"{user}-o{step}", step + 0.5);
                Assert.Equal(expected, await Retry(() => service.DecideAsync("choice", user, $"{user}-o{step}", step + 0.5), callTimes));
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Users).Select(Stream));

        Assert.DoesNotContain(victim, _fixture.Cluster.GetActiveSilos());
        Assert.All(callTimes, t =>
        {
            var stalled = _stalls.Within(t.Sent, t.Sent + (long)(t.Took.TotalSeconds * Stopwatch.Frequency));
            Assert.True(t.Took - stalled < CallBound, $"a call took {t.Took} ({stalled} of it with this process stalled), more than {CallBound.TotalSeconds} s");
        });
        var stored = _fixture.Store.ReadAll("choice").GroupBy(r => r.Record.Id).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(Users * Steps * 2, stored.Count);
        Assert.All(stored, s => Assert.Equal(1, s.Value));
    }
}
