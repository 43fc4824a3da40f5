using static Kairos.Tests.Cluster.ClusterStreams;

namespace Kairos.Tests.Cluster;

/// <summary>
/// A real 3-silo cluster: three `kairos serve --cluster` processes on loopback (distinct HTTP, silo and gateway
/// ports) over one Redis and one store (PostgreSQL when available, else a shared SQLite file). Users stream events
/// and opportunities over HTTP. (1) One silo is SIGKILLed mid-stream: every answer is 200 or 503 with Retry-After
/// (never a 500, none slower than the bound), every acknowledged event is stored exactly once, and every decision
/// equals an uninterrupted single node's. (2) All three silos are stopped (SIGTERM) and restarted: every user's state is intact
/// and decisions continue identically.
/// </summary>
[Collection(ProcessClusters.Name)]
public sealed class ProcessClusterTests
{
    [RedisFact]
    public async Task SIGKILL_of_a_silo_mid_stream_loses_no_acknowledged_event_and_decisions_continue_on_the_survivors()
    {
        using var run = await StreamedCluster.StartAsync();

        // User u enters through silo u % 3, so a third of the users are placed on the victim. The victim is killed when
        // the first of its own users has acknowledged a third of its steps, so that user's remaining steps must be
        // served through the failover (a kill timed on all users' acks could come, on a starved machine, after the
        // victim's users had finished, and then no failover was exercised). A 503 is allowed but not required:
        // Orleans may re-place a grain before any call times out.
        int killed = 0, servedAfterKill = 0;
        await run.StreamAll(0, Steps, (u, step) =>
        {
            if (u % 3 != 2) return;
            if (Volatile.Read(ref killed) == 1) Interlocked.Increment(ref servedAfterKill);
            else if (step == Steps / 3 && Interlocked.Exchange(ref killed, 1) == 0) run.Cluster.Kill(2);
        });
        await run.FinishAndCheckAsync();
        Assert.True(servedAfterKill >= Steps - Steps / 3 - 1, $"only {servedAfterKill} steps of the victim's users came after the kill");
    }

    [RedisFact]
    public async Task A_full_cluster_restart_keeps_every_users_state()
    {
        using var run = await StreamedCluster.StartAsync();
        AssertMallocArenasCapped(run.Cluster);
        await run.StreamAll(0, Steps / 2);
        run.Cluster.StopAll();
        await run.Cluster.StartAllAsync();

        foreach (int u in Enumerable.Range(0, Users))
        {
            var (status, user) = await run.Get(u, $"/v1/users/{User(u)}");
            Assert.Equal(200, status);
            Assert.Equal(RecordsUpTo(Steps / 2), user.GetProperty("events").GetInt32());
        }
        await run.StreamAll(Steps / 2, Steps);
        await run.FinishAndCheckAsync();
    }

    /// <summary>Each silo restarted itself with MALLOC_ARENA_MAX=2 (docs/serving.md, soak), unless the test run sets its own,
    /// and after the restart its runtime listens on its diagnostics socket (dotnet-counters, -trace and -gcdump attach
    /// through it; before the stale socket was removed, a connection was refused).</summary>
    private static void AssertMallocArenasCapped(ProcessCluster cluster)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return;
        for (int i = 0; i < 3; i++)
        {
            Assert.Contains("MALLOC_ARENA_MAX=2", File.ReadAllText($"/proc/{cluster.Pid(i)}/environ").Split('\0'));
            if (Environment.GetEnvironmentVariable("DOTNET_EnableDiagnostics") == "0") continue;
            // a SIGKILLed process of an earlier run with the same pid may have left its socket: one of them must answer
            var sockets = Kairos.Cli.Commands.MallocArenas.DiagnosticsSockets(cluster.Pid(i), Path.GetTempPath()).ToArray();
            Assert.True(sockets.Any(Accepts), $"silo {i + 1} (pid {cluster.Pid(i)}): no diagnostics socket accepts a connection among [{string.Join(", ", sockets)}]");
        }
    }

    private static bool Accepts(string socket)
    {
        using var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream,
            System.Net.Sockets.ProtocolType.Unspecified);
        try { client.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socket)); return true; }
        catch (System.Net.Sockets.SocketException) { return false; }
    }
}
