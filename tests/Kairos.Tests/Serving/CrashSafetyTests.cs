using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Kairos.Cli;
using Kairos.Server;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>
/// SIGKILL of a `kairos serve` child in the middle of a stream of acknowledged batches: after a restart on the same
/// store (SQLite and PostgreSQL), every acknowledged event is present exactly once and every decision (before and after the kill)
/// equals the one an uninterrupted server with the same seed gives. SQLite runs once more with the smallest --wal-limit,
/// so its writer restarts the WAL every few requests, the kill included.
/// </summary>
public class CrashSafetyTests
{
    private const int Users = 3, StepsPerUser = 40, KillAfterAcks = 45;

    private static string StepPath(int step) => step % 4 == 3 ? "opportunity" : "events";

    private static string StepBody(string user, int step)
    {
        double t = step * 1.0;
        return step % 4 == 3
            ? $$"""{"id":"{{user}}-o{{step}}","time":{{t}}}"""
            : Events(Enumerable.Range(0, 5).Select(j => ($"{user}-e{step}-{j}", t + j * 0.1)).ToArray());
    }

    /// <summary>Sends steps [from, StepsPerUser) of one user in order; records each acknowledged answer.</summary>
    private static async Task<int> Stream(HttpClient c, string user, int from, ConcurrentDictionary<string, string> answers, Action? onAck = null)
    {
        for (int step = from; step < StepsPerUser; step++)
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    var (status, body) = await Post(c, $"/v1/users/{user}/{StepPath(step)}", StepBody(user, step));
                    Assert.Equal(200, status);
                    if (step % 4 == 3) answers[$"{user}/{step}"] = body.GetRawText();
                    onAck?.Invoke();
                    break;
                }
                catch (HttpRequestException) { return step; }   // the server died: this step is unacknowledged
                catch (TaskCanceledException) when (attempt < 3) { }   // timed out: a client retries with the same ids
            }
        return StepsPerUser;
    }

    private static async Task Finish(HttpClient c, ConcurrentDictionary<string, string> answers)
    {
        for (int u = 0; u < Users; u++)
        {
            answers[$"u{u}/next"] = (await Get(c, $"/v1/users/u{u}/next-action")).Item2.GetRawText();
            for (int k = 0; k < 5; k++)
                answers[$"u{u}/after{k}"] = (await Post(c, $"/v1/users/u{u}/opportunity", $$"""{"id":"after{{k}}","time":{{100 + k}}}""")).Item2.GetRawText();
        }
    }

    public static TheoryData<string, string> Stores
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string store in TestStores.Durable) data.Add(store, "default");
            data.Add(TestStores.Sqlite, "64KB");
            return data;
        }
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Acknowledged_events_survive_SIGKILL_exactly_once_and_decisions_match_an_uninterrupted_run(string store, string walLimit)
    {
        string[] wal = walLimit == "default" ? [] : ["--wal-limit", walLimit];
        string policy = LiveServer.BaselineFile("random-choice", "actProbability", 0.5);
        var expected = new ConcurrentDictionary<string, string>();
        await using (var reference = await LiveServer.StartAsync(new ServerOptions { Store = TestStores.NewSpec(store), PolicyFile = policy, Seed = 9 }))
        {
            await Task.WhenAll(Enumerable.Range(0, Users).Select(u => Stream(reference.Client, $"u{u}", 0, expected)));
            await Finish(reference.Client, expected);
        }

        string db = TestStores.NewSpec(store);
        var answers = new ConcurrentDictionary<string, string>();
        int acks = 0;
        int[] resume;
        using (var child = await ServerProcess.StartAsync(db, policy, seed: 9, wal))
        {
            resume = await Task.WhenAll(Enumerable.Range(0, Users).Select(u => Stream(child.Client, $"u{u}", 0, answers, () =>
            {
                if (Interlocked.Increment(ref acks) == KillAfterAcks) child.Kill();
            })));
        }
        Assert.True(resume.Any(r => r < StepsPerUser), "the server was killed after the stream ended");
        var acknowledgedIds = AcknowledgedIds(resume);

        using (var restarted = await ServerProcess.StartAsync(db, policy, seed: 9, wal))
        {
            await Task.WhenAll(Enumerable.Range(0, Users).Select(u => Stream(restarted.Client, $"u{u}", resume[u], answers)));
            await Finish(restarted.Client, answers);
            restarted.Kill();
        }

        Assert.Equal(expected.OrderBy(a => a.Key), answers.OrderBy(a => a.Key));
        var stored = (await TestStores.ReadAll(db, "default")).CountBy(r => $"{r.User}/{r.Record.Id}").ToDictionary();
        Assert.All(stored, s => Assert.Equal(1, s.Value));
        Assert.Subset(stored.Keys.ToHashSet(), acknowledgedIds);
        Assert.NotEmpty(acknowledgedIds);
        Assert.Equal(Users * (StepsPerUser / 4 * (3 * 5 + 1) + 5), stored.Count);
    }

    private static HashSet<string> AcknowledgedIds(int[] resume)
    {
        var ids = new HashSet<string>();
        for (int u = 0; u < Users; u++)
            for (int step = 0; step < resume[u]; step++)
                if (step % 4 == 3) ids.Add($"u{u}/u{u}-o{step}");
                else for (int j = 0; j < 5; j++) ids.Add($"u{u}/u{u}-e{step}-{j}");
        return ids;
    }
}

/// <summary>`kairos serve` as a child process (the built CLI), on a free port.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string url)
    {
        _process = process;
        // The timeout is a hang guard: a child starved of CPU can take longer than HttpClient's seconds-scale limits
        // to answer, and a test that bounds how long calls take asserts on the durations it records.
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = Waits.HangGuard };
    }

    public HttpClient Client { get; }
    public int Id => _process.Id;

    public static async Task<ServerProcess> StartAsync(string store, string policy, int seed, params string[] extra)
    {
        string cli = typeof(KairosCli).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "serve", "--urls", "http://127.0.0.1:0", "--store", store, "--policy", policy, "--seed", $"{seed}" }.Concat(extra))
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        // A clustered server logs to stdout before and after its address line: read up to it, then keep both pipes
        // drained so the child never blocks on a full pipe.
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) if (stderr.Length < 64_000) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        var stdout = new Queue<string>();   // the last lines before the address (a silo's log), for the failure message
        var found = FindAddress(process.StandardOutput, stdout);
        if (await Task.WhenAny(found, Task.Delay(StartLimit)) != found || found.Result is not { } text)
        {
            process.Kill();
            process.WaitForExit();
            string why = found.IsCompleted ? "it exited" : $"no address within {StartLimit.TotalSeconds} s";
            lock (stdout) lock (stderr)
                throw new InvalidOperationException($"kairos serve did not start ({why}): {stderr}\nlast output:\n{string.Join('\n', stdout)}");
        }
        _ = KeepOutput(process, stdout);
        return new ServerProcess(process, text["listening on ".Length..]);
    }

    /// <summary>Drains the child's stdout so it never blocks on a full pipe; with KAIROS_TEST_SERVER_LOGS=DIR set,
    /// into DIR/serve-PID.log (a silo's log: membership, 503 causes), for diagnosing a failed cluster test.</summary>
    private static async Task KeepOutput(Process process, Queue<string> head)
    {
        if (Environment.GetEnvironmentVariable("KAIROS_TEST_SERVER_LOGS") is not { Length: > 0 } dir)
        {
            await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            return;
        }
        Directory.CreateDirectory(dir);
        await using var log = new StreamWriter(Path.Combine(dir, $"serve-{process.Id}.log")) { AutoFlush = true };
        lock (head) foreach (var line in head) log.WriteLine(line);
        while (await process.StandardOutput.ReadLineAsync() is { } line) await log.WriteLineAsync($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
    }

    /// <summary>A hang guard: a start-up on a starved machine (a cluster's three silos at once at load 100+) is slow,
    /// not stuck.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(300);

    private static async Task<string?> FindAddress(StreamReader output, Queue<string> last)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("listening on ", StringComparison.Ordinal)) return line;
            lock (last)
            {
                last.Enqueue(line);
                if (last.Count > 40) last.Dequeue();
            }
        }
        return null;
    }

    /// <summary>SIGTERM, as a service manager stops a server: it shuts down cleanly (a silo leaves the cluster);
    /// SIGKILL if it has not exited after 60 s.</summary>
    public void Stop()
    {
        if (_process.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", $"{_process.Id}"])) term.WaitForExit();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(60))) Kill();
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
    }

    public void Dispose()
    {
        Kill();
        _process.WaitForExit();
        _process.Dispose();
        Client.Dispose();
    }
}
