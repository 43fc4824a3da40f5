using Kairos.Orleans;
using Kairos.Serving;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Kairos.Tests.Cluster;

/// <summary>
/// Three silos in process (InProcessTestClusterBuilder: no network, no database) sharing one in-memory store, as
/// silos share PostgreSQL (users named "outage-…" find it out of reach: <see cref="OutageStore"/>); each silo runs its own <see cref="DecisionEngine"/> under the user grains, reminders in
/// memory. <see cref="Service"/> is the HTTP routes' view of the cluster.
/// </summary>
public sealed class TestClusterFixture : IAsyncLifetime
{
    public const ulong Seed = 11;
    public InMemoryUserStateStore Store { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public ClusterServingOptions Options { get; } = new() { Redis = "unused:1", EmitActions = true, RequestTimeout = TimeSpan.FromSeconds(10) };
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
            silo.Services.AddSingleton(_ => new DecisionEngine(new OutageStore(Store), new PolicyCatalog([Policy(), ChoicePolicy()])));
            ClusterHosting.AddServices(silo.Services, Options);
        });
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
