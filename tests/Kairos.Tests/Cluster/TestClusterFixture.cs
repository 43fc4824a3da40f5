using Kairos.Orleans;
using Kairos.Serving;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Kairos.Tests.Cluster;

/// <summary>
/// Three silos in process (InProcessTestClusterBuilder: no network, no database) sharing one in-memory store, as
/// silos share PostgreSQL (users named "outage-…" find it out of reach: <see cref="OutageStore"/>); each silo runs its own <see cref="DecisionEngine"/> under the user grains, reminders in
/// memory. <see cref="Service"/> is the HTTP routes' view of the cluster. Actions are emitted by the grains' own timers
/// only when a test moves the clock (real timing: <c>ClusterEmitFailoverTests</c>).
/// </summary>
public sealed class TestClusterFixture : IAsyncLifetime
{
    public const ulong Seed = 11;
    public InMemoryUserStateStore Store { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    /// <summary>User time t is Unix time t × 10¹⁰ s, so every plan of these tests lies centuries ahead and no timer or
    /// reminder fires by itself; a test that needs a due action moves <see cref="Clock"/> forward.</summary>
    public ClusterServingOptions Options { get; }

    public ShiftedClock Clock { get; } = new();

    /// <summary>The silos' engine options: a plan more than 1,000 s (10⁻⁷ user time) late is skipped, one more than
    /// 100 s late is a catch-up (a test that moves the clock to a plan's time stays on time however slow the machine).</summary>
    public static EngineOptions Engine { get; } = new() { MaxLateness = 1e-7, OnTime = 1e-8 };

    /// <summary>Grain calls may take as long as the hang guard: the first calls of a test run (activations, JIT, every
    /// test class starting at once) took over 10 s on a 2-core machine and were answered 503.</summary>
    public TestClusterFixture() : this(Waits.HangGuard) { }

    /// <param name="requestTimeout">The service's bound on a grain call, and the silos' response timeout.</param>
    internal TestClusterFixture(TimeSpan requestTimeout) =>
        Options = new() { Redis = "unused:1", EmitActions = true, RequestTimeout = requestTimeout, TimeUnitSeconds = 1e10, Clock = Clock };
    public OrleansDecisionService Service { get; private set; } = null!;

    public static ServedPolicy Policy() => PolicyFiles.Parse(
        """{"format":"kairos.baseline-policy","kind":"uniform","rate":0.5,"marks":3}"""u8.ToArray(), PolicyCatalog.DefaultName, Seed, "test");

    public static ServedPolicy ChoicePolicy() => PolicyFiles.Parse(
        """{"format":"kairos.baseline-policy","kind":"random-choice","actProbability":0.6,"marks":3}"""u8.ToArray(), "choice", Seed, "test");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<IUserStateStore>(Store);
            silo.Services.AddSingleton(_ => new DecisionEngine(new OutageStore(Store), new PolicyCatalog([Policy(), ChoicePolicy()]), Engine));
            ClusterHosting.AddServices(silo.Services, Options);
        });
        builder.ConfigureClient(client => client.Configure<global::Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = Options.RequestTimeout));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Service = new OrleansDecisionService(Cluster.Client, Options);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Store.DisposeAsync();
    }
}

/// <summary>The system clock moved by <see cref="Offset"/>.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
