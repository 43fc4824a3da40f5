using Kairos.Orleans;
using Kairos.PointProcesses;
using Kairos.Serving;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Kairos.Tests.Cluster;

/// <summary>
/// `--catch-up-rate` is the cluster's budget: 30 users whose plans are overdue (within the lateness bound) on a
/// 3-silo cluster catch up at 10 per second in all, each silo pacing its share (10/3 per second, a burst of 10/3), so
/// the catch-ups spread over at least (30 − 10)/10 = 2 s. Pacers of 10 per second per silo (the former rule) would
/// let the ~10 users of each silo leave within its own burst, almost at once.
/// </summary>
public sealed class ClusterCatchUpPacingTests : IAsyncLifetime
{
    private const int Users = 30;
    private const double Rate = 10;
    private readonly InMemoryUserStateStore _store = new();
    private readonly ShiftedClock _clock = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var options = new ClusterServingOptions { Redis = "unused:1", EmitActions = true, CatchUpRate = Rate, Clock = _clock, RequestTimeout = Waits.HangGuard };
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<IUserStateStore>(_store);
            silo.Services.AddSingleton(_ => new DecisionEngine(_store, new PolicyCatalog([TestClusterFixture.Policy()]), new EngineOptions { MaxLateness = 3600 }));
            ClusterHosting.AddServices(silo.Services, options);
        });
        builder.ConfigureClient(client => client.Configure<global::Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = Waits.HangGuard));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Overdue_plans_on_three_silos_catch_up_at_the_cluster_budget_not_three_times_it()
    {
        var pacers = _cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<CatchUpPacer>()).ToArray();
        Assert.All(pacers, p => Assert.Equal(Rate / 3, p.Rate, 12));   // each silo's share of the budget

        double t0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 - 300;   // plans ~5 minutes overdue
        var grains = Enumerable.Range(0, Users).Select(i => _cluster.Client.GetGrain<IUserGrain>(UserGrainKey.Of("default", $"u{i}"))).ToArray();
        _clock.Offset = TimeSpan.FromHours(-1);   // the silos' clock before the outage: the plans are not yet due
        foreach (var g in grains) Assert.Null((await g.Ingest([GrainEvent.From(new IncomingEvent("f", t0, EventKind.Feedback, 0, 1.0))])).Fault);
        _clock.Offset = TimeSpan.Zero;   // the outage is over: every plan is a catch-up
        await Task.WhenAll(grains.Select(g => g.EmitDue()));

        // Each user's first outbox row is its catch-up (the next plans, due seconds later, leave on time after it).
        async Task<OutboxEntry[]> CatchUps() => (await _store.ReadOutboxAsync(0, 10_000)).GroupBy(r => r.User).Select(g => g.MinBy(r => r.Cursor)!).ToArray();
        // Until every user's catch-up has left (≥ 2 s at the budget; far longer on a loaded machine: only a hang fails).
        var rows = await Waits.Until(CatchUps, r => r.Length == Users, $"a catch-up of each of the {Users} users");
        Assert.All(rows, r => Assert.True(r.Time > t0 + 200, "a catch-up is recorded when it leaves"));
        double spread = rows.Max(r => r.Time) - rows.Min(r => r.Time);
        Assert.True(spread >= (Users - Rate - 1) / Rate - 0.3, $"{Users} catch-ups at {Rate}/s for the cluster left within {spread:0.00} s: paced per silo, not per cluster");
    }
}
