using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Kairos.Tests.Serving;

namespace Kairos.Tests.Cluster;

/// <summary>
/// A throw-away Redis (Debian's redis-server) for the process-level cluster tests: a child process on 127.0.0.1 at
/// a port of its own, nothing saved, killed on dispose. Without redis-server the tests are skipped with the reason, except in
/// CI (KAIROS_CI=1, where `.ci/ensure-redis` installs it), where they fail.
/// </summary>
internal sealed class RedisProcess : IDisposable
{
    private readonly Process _process;

    private RedisProcess(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }
    public string Cluster => $"redis:127.0.0.1:{Port}";

    public static string? Missing { get; } = Executable() is null
        ? "redis-server is not installed (no redis-server on PATH or in /usr/bin); install Debian's redis-server (`.ci/ensure-redis`)." : null;

    private static string? Executable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin").Append("/usr/sbin")
        .Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);

    /// <summary>
    /// Starts redis-server on a port from <see cref="StablePorts"/> (below the ephemeral range, so no outgoing
    /// connection takes it between the check and the bind) and waits until that very process answers (INFO names its
    /// pid: another test run's Redis on the same port does not count). A port taken all the same (another test process
    /// on the machine) makes redis-server exit, and the start is retried on the next port. The limit is a hang guard.
    /// </summary>
    public static async Task<RedisProcess> StartAsync()
    {
        string exe = Executable() ?? throw new InvalidOperationException(Missing);
        var clock = Stopwatch.StartNew();
        string why = "";
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            int port = StablePorts.Next();
            var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
                info.ArgumentList.Add(a);
            var process = Process.Start(info)!;
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) if (output.Length < 16_000) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            var redis = new RedisProcess(process, port);
            while (!process.HasExited)
            {
                if (await AnswersAs(port, process.Id)) return redis;
                Assert.True(clock.Elapsed < Waits.HangGuard, $"redis-server did not answer on port {port} within {Waits.HangGuard.TotalMinutes} minutes");
                await Task.Delay(50);
            }
            string stderr = process.StandardError.ReadToEnd();
            redis.Dispose();
            lock (output) why = $"redis-server exited on port {port}: {output}{stderr}";
        }
        throw new InvalidOperationException(why);
    }

    private static readonly Regex ProcessId = new(@"\r\nprocess_id:(\d+)\r\n");

    /// <summary>True when the Redis at <paramref name="port"/> is process <paramref name="pid"/>.</summary>
    private static async Task<bool> AnswersAs(int port, int pid)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("INFO server\r\n"u8.ToArray());
            var text = new StringBuilder();
            var buffer = new byte[4096];
            Match id;
            while (!(id = ProcessId.Match(text.ToString())).Success)
            {
                int n = await stream.ReadAsync(buffer);
                if (n == 0) return false;
                text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            return id.Groups[1].Value == $"{pid}";
        }
        catch (SocketException) { return false; }
        catch (IOException) { return false; }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}

/// <summary>Skipped, with the reason, when redis-server is missing outside CI; in CI a missing redis-server fails.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisProcess.Missing is { } why && !PostgresCluster.InCi) Skip = why;
    }
}
