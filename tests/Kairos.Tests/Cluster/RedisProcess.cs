using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Kairos.Tests.Serving;

namespace Kairos.Tests.Cluster;

/// <summary>
/// A throw-away Redis (Debian's redis-server) for the process-level cluster tests: a child process on 127.0.0.1 at
/// a free port, nothing saved, killed on dispose. Without redis-server the tests are skipped with the reason, except in
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

    public static async Task<RedisProcess> StartAsync()
    {
        string exe = Executable() ?? throw new InvalidOperationException(Missing);
        int port = FreePort();
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var redis = new RedisProcess(process, port);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited) break;
            if (await Pong(port)) return redis;
            await Task.Delay(50);
        }
        redis.Dispose();
        throw new InvalidOperationException($"redis-server did not answer on port {port}: {await process.StandardError.ReadToEndAsync()}");
    }

    private static async Task<bool> Pong(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            int n = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, n).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException) { return false; }
        catch (IOException) { return false; }
    }

    /// <summary>A TCP port that was free on 127.0.0.1 a moment ago.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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
