using System.Net;
using System.Net.Sockets;
using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>
/// A store's first PostgreSQL connection that times out is tried again (on a starved machine the first connection's
/// one-off work exceeded Npgsql's Timeout and a silo failed to start); one that is refused is not. The "server" here
/// accepts connections and never answers, so every attempt times out after the connection string's 1 s Timeout.
/// </summary>
public class PostgresStartupTests
{
    [Fact]
    public void A_first_connection_that_times_out_is_tried_again_up_to_the_attempts()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var e = Assert.ThrowsAny<Npgsql.NpgsqlException>(() => new PostgresUserStateStore($"Host=127.0.0.1;Port={port};Username=u;Timeout=1;SSL Mode=Disable", startupAttempts: 2));
        Assert.Contains(ExceptionChain.Of(e), x => x is TimeoutException);
        // Every attempt's connection was made (the kernel completes it without an accept) before the exception; they
        // wait in the listener's queue.
        int attempts = 0;
        while (silent.Pending()) using (silent.AcceptTcpClient()) attempts++;
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void A_refused_first_connection_fails_at_once_with_one_error_line()
    {
        // A port bound but not listening refuses every connection, and no other socket can take it meanwhile (a port
        // probed free and released could be bound by another test's server before the connection attempt).
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)closed.LocalEndPoint!).Port;
        var e = Assert.Throws<UserInputException>(() => UserStores.Open($"postgres:Host=127.0.0.1;Port={port};Username=u;Timeout=30"));
        Assert.StartsWith("--store postgres: cannot open the database", e.Message);
    }
}
