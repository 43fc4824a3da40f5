using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kairos.Tests.Serving;

namespace Kairos.Tests.Cluster;

/// <summary>One HTTP answer seen by the client of a <see cref="ProcessCluster"/> (status −1: no answer in time), sent
/// at Stopwatch timestamp <paramref name="Sent"/>; <paramref name="HostStalled"/>: how much of it this test process
/// spent stalled (<see cref="HostStalls"/>), filled in by <see cref="ProcessCluster.CallsSoFar"/>.</summary>
internal sealed record ClusterCall(int Status, TimeSpan Elapsed, bool RetryAfter, long Sent = 0, TimeSpan HostStalled = default);

/// <summary>
/// A real cluster on one machine: N `kairos serve --cluster` child processes (the built CLI) on loopback, each with its
/// own HTTP, silo and gateway port, sharing one store and one Redis. A client sends each request to a front silo and,
/// like a load balancer, moves to the next live one when its front was killed; it retries an answer 503 (each must
/// carry Retry-After) until the request is answered. Every answer is recorded (<see cref="CallsSoFar"/>).
/// </summary>
internal sealed class ProcessCluster : IDisposable
{
    private readonly ServerProcess?[] _silos;
    private readonly (int Silo, int Gateway)[] _ports;
    private readonly string _cluster, _store, _policy;
    private readonly int _seed;
    private readonly double _requestTimeout;
    private readonly string[] _extra;

    private ProcessCluster(int silos, string cluster, string store, string policy, int seed, double requestTimeout, string[] extra)
    {
        _extra = extra;
        _silos = new ServerProcess?[silos];
        _ports = Enumerable.Range(0, silos).Select(_ => (StablePorts.Next(), StablePorts.Next())).ToArray();
        (_cluster, _store, _policy, _seed, _requestTimeout) = (cluster, store, policy, seed, requestTimeout);
    }

    private readonly List<ClusterCall> _calls = [];
    private readonly HostStalls _stalls = new();

    /// <summary>Every answer so far, each with the stall of this process while it was awaited.</summary>
    public ClusterCall[] CallsSoFar()
    {
        lock (_calls)
            return [.. _calls.Select(c => c with { HostStalled = _stalls.Within(c.Sent, c.Sent + (long)(c.Elapsed.TotalSeconds * Stopwatch.Frequency)) })];
    }

    /// <summary>The longest stall of this test process so far.</summary>
    public TimeSpan LongestHostStall => _stalls.Longest();

    /// <summary>Starts the silos; <paramref name="extra"/> flags (e.g. --emit-actions) go to every one of them.</summary>
    public static async Task<ProcessCluster> StartAsync(RedisProcess redis, string store, string policy, int seed, int silos = 3,
        double requestTimeout = 3, params string[] extra)
    {
        var cluster = new ProcessCluster(silos, redis.Cluster, store, policy, seed, requestTimeout, extra);
        await cluster.StartAllAsync();
        return cluster;
    }

    /// <summary>Starts every silo that is not running, on its own silo and gateway ports (the same ones after a
    /// restart, so a restarted silo supersedes its dead entry in the membership table at once). A silo receives
    /// requests only once its GET /health/ready answers 200, as behind a load balancer: a process that has just
    /// printed its address is still joining and compiling its request path, and on a starved machine its first calls
    /// took 22 s to be answered 503.</summary>
    public async Task StartAllAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, _silos.Length).Where(i => _silos[i] is null).Select(async i =>
        {
            var silo = await ServerProcess.StartAsync(_store, _policy, _seed, ["--cluster", _cluster, "--silo-port", $"{_ports[i].Silo}",
                "--gateway-port", $"{_ports[i].Gateway}", "--request-timeout", $"{_requestTimeout}", .. _extra]);
            try { await UntilReady(silo); }
            catch { silo.Dispose(); throw; }
            _silos[i] = silo;
        }));
    }

    /// <summary>Polls GET /health/ready until 200, as a load balancer does: a 503 or a probe left unanswered (a
    /// starting process starved of CPU) is "not ready yet". The 300 s bound is a hang guard only.</summary>
    private static async Task UntilReady(ServerProcess silo)
    {
        var clock = Stopwatch.StartNew();
        string last = "no answer";
        while (true)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(300), $"a silo was not ready within 300 s: {last}");
            try
            {
                using var response = await silo.Client.GetAsync("/health/ready");
                if ((int)response.StatusCode == 200) return;
                Assert.Equal(503, (int)response.StatusCode);
                last = await response.Content.ReadAsStringAsync();
            }
            catch (TaskCanceledException) { last = $"no answer within {silo.Client.Timeout.TotalSeconds} s"; }
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL of silo i: no shutdown code runs, its membership entry stays Active until it is declared dead.</summary>
    public void Kill(int i)
    {
        var silo = _silos[i];
        _silos[i] = null;
        silo?.Dispose();
    }

    public void KillAll()
    {
        for (int i = 0; i < _silos.Length; i++) Kill(i);
    }

    /// <summary>SIGTERM to every silo at once: each shuts down and leaves the membership table, as in a planned
    /// restart of the whole cluster.</summary>
    public void StopAll()
    {
        var silos = _silos.ToArray();
        Array.Clear(_silos);
        Parallel.ForEach(silos, s => s?.Stop());
        foreach (var s in silos) s?.Dispose();
    }

    /// <summary>The base URL of silo i's HTTP front.</summary>
    /// <summary>The process id of silo i (the same after its start-up restart with capped malloc arenas: execve keeps it).</summary>
    public int Pid(int i) => _silos[i]!.Id;

    public string Url(int i) => _silos[i]!.Client.BaseAddress!.ToString();

    public Task<(int Status, JsonElement Body)> Post(int front, string path, string json) => Send(front, HttpMethod.Post, path, json);
    public Task<(int Status, JsonElement Body)> Get(int front, string path) => Send(front, HttpMethod.Get, path, null);

    /// <summary>Sends until an answer other than 503 arrives, through front silo <paramref name="front"/> or, while it
    /// is down, the next live one; while none is running (a full restart), waits for one. <see cref="SendLimit"/> is a
    /// hang guard for the whole request, restart included (a 120 s limit on 503s alone, counted from the first attempt,
    /// was used up by the wait for restarting silos on a starved machine).</summary>
    private async Task<(int Status, JsonElement Body)> Send(int front, HttpMethod method, string path, string? json)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var silo = Enumerable.Range(0, _silos.Length).Select(k => _silos[(front + k) % _silos.Length]).FirstOrDefault(s => s is not null);
            if (silo is null)   // every silo is down (a full restart): wait for one, as a client behind a load balancer would
            {
                if (deadline.Elapsed > SendLimit) throw new InvalidOperationException($"no silo was running for {SendLimit.TotalSeconds} s");
                await Task.Delay(100);
                continue;
            }
            using var request = new HttpRequestMessage(method, path);
            if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            long sent = Stopwatch.GetTimestamp();
            HttpResponseMessage response;
            try { response = await silo.Client.SendAsync(request); }
            catch (Exception e) when ((e is HttpRequestException or OperationCanceledException or ObjectDisposedException) && !_silos.Contains(silo))
            {
                continue;   // its front was killed: go to the next
            }
            catch (TaskCanceledException)
            {
                lock (_calls) _calls.Add(new ClusterCall(-1, Stopwatch.GetElapsedTime(sent), false, sent));
                throw new TimeoutException($"{method} {path} was not answered within {silo.Client.Timeout}");
            }
            using (response)
            {
                int status = (int)response.StatusCode;
                RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
                lock (_calls) _calls.Add(new ClusterCall(status, Stopwatch.GetElapsedTime(sent), retryAfter?.Delta is not null, sent));
                string text = await response.Content.ReadAsStringAsync();
                if (status == 503 && deadline.Elapsed < SendLimit) { await Task.Delay(200); continue; }
                return (status, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
            }
        }
    }

    private static readonly TimeSpan SendLimit = TimeSpan.FromSeconds(600);

    public void Dispose()
    {
        KillAll();
        _stalls.Dispose();
    }
}
