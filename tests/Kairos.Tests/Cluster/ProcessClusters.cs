namespace Kairos.Tests.Cluster;

/// <summary>
/// The tests that run a real multi-process cluster (three `kairos serve --cluster` processes, Redis, a store) take turns:
/// side by side, four clusters starting at once on 2 cores (each process compiling Kestrel, Orleans and its request
/// path, then warming its grains) starved every process, so that a starting silo left its first readiness probe
/// unanswered for 30 s. Tests outside this collection still run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessClusters
{
    public const string Name = "process clusters";
}
