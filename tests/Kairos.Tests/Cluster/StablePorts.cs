using System.Net;
using System.Net.Sockets;

namespace Kairos.Tests.Cluster;

/// <summary>
/// Ports a process binds again after a restart (a silo's silo and gateway ports, kept so its new incarnation
/// supersedes the old membership entry). A port probed free by binding port 0 lies in the kernel's ephemeral range,
/// from which every outgoing connection on the machine (a database client, another test's HTTP call) takes its local
/// port, so while the silo was down such a connection could take it and the restart failed to bind. These ports come
/// from just below that range instead, each checked free when handed out, starting at a random offset per test run.
/// </summary>
internal static class StablePorts
{
    private const int Span = 10_000;
    private static readonly int Top = EphemeralLow();
    private static int _next = Random.Shared.Next(Span);

    public static int Next()
    {
        for (int tries = 0; tries < Span; tries++)
        {
            int port = Top - Span + (int)((uint)Interlocked.Increment(ref _next) % Span);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException) { }   // in use: the next one
        }
        throw new InvalidOperationException($"no free port in {Top - Span}–{Top - 1}");
    }

    /// <summary>The first port of /proc/sys/net/ipv4/ip_local_port_range (Linux's default 32768).</summary>
    private static int EphemeralLow()
    {
        try { return int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0]); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return 32768; }
    }
}
