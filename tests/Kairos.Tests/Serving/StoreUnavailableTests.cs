using System.Net;
using System.Text.Json;
using Kairos.Server;
using Kairos.Serving;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kairos.Tests.Serving;

/// <summary>
/// A store out of reach is a 503 with Retry-After and problem details, never a 500: PostgreSQL refusing connections
/// ("53300: too many connections", provoked with a role's connection limit on the test server) and dropping the
/// group-commit writer's connection (its backends terminated). Retried requests then succeed, and every acknowledged
/// event is stored exactly once.
/// </summary>
public sealed class StoreUnavailableTests
{
    [Theory]
    [InlineData("53300", true)]    // too many connections
    [InlineData("57P01", true)]    // admin shutdown
    [InlineData("08006", true)]    // connection failure
    [InlineData("23505", false)]   // unique violation: a defect, not an outage
    [InlineData("42P01", false)]   // undefined table
    public void PostgreSQL_errors_are_transient_only_for_connection_and_resource_classes(string sqlState, bool transient) =>
        Assert.Equal(transient, StoreFailures.IsTransient(new PostgresException("m", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void Pool_exhaustion_and_SQLite_busy_are_transient_other_errors_are_not()
    {
        Assert.True(StoreFailures.IsTransient(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())));
        Assert.True(StoreFailures.IsTransient(new SqliteException("database is locked", 5)));
        Assert.False(StoreFailures.IsTransient(new SqliteException("constraint failed", 19)));
        Assert.False(StoreFailures.IsTransient(new InvalidOperationException("a defect")));
    }

    [Fact]
    public void The_pool_is_capped_unless_the_connection_string_sets_it()
    {
        Assert.Equal(PostgresConnections.MaxPoolSize, PostgresConnections.PoolSize("Host=h;Username=u"));
        Assert.Equal(7, PostgresConnections.PoolSize("Host=h;Username=u;maximum pool size=7"));
        Assert.Equal(9, PostgresConnections.PoolSize("Host=h;Username=u;Maximum Pool Size=9"));
        Assert.Contains("Maximum Pool Size=20", PostgresConnections.WithDefaults("Host=h"));
    }

    [PostgresFact]
    public async Task Refused_and_dropped_connections_answer_503_and_retries_store_each_event_once()
    {
        string admin = PostgresCluster.NewSchema();
        var b = new NpgsqlConnectionStringBuilder(admin);
        string role = $"{b.SearchPath}_role";
        // One connection for the role: the group-commit writer's. Restoring a user needs a second and is refused (53300).
        Execute(admin, $"CREATE ROLE {role} LOGIN CONNECTION LIMIT 1; GRANT ALL ON SCHEMA {b.SearchPath} TO {role};");
        b.Username = role;
        b.MaxPoolSize = 6;
        string spec = $"postgres:{b}";
        var acknowledged = new List<(string User, string Id)>();
        try
        {
            await using (var server = await LiveServer.StartAsync(new ServerOptions { Store = spec }))
            {
                var c = server.Client;
                var refused = await Task.WhenAll(Enumerable.Range(0, 6).Select(u => Ingest(c, $"u{u}", "e0", 1, acknowledged)));
                Assert.All(refused, s => Assert.Equal(503, s));
                await AssertUnavailable(c, "/v1/users/u0/events", Http.Events(("e0", 1)), "53300");

                Execute(admin, $"ALTER ROLE {role} CONNECTION LIMIT -1");
                for (int u = 0; u < 6; u++) await Eventually(() => Ingest(c, $"u{u}", "e0", 1, acknowledged));

                // Every connection of the role dropped, the writer's too: the next commit fails (503), then the
                // writer reconnects and the retry is stored once.
                Execute(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{role}'");
                Assert.Equal(503, await Ingest(c, "u0", "e1", 2, acknowledged));
                for (int u = 0; u < 6; u++) await Eventually(() => Ingest(c, $"u{u}", "e1", 2, acknowledged));
            }
            var stored = await TestStores.ReadAll(spec, PolicyCatalog.DefaultName);
            Assert.Equal(acknowledged.Distinct().OrderBy(a => a).ToArray(), stored.Select(s => (s.User, s.Record.Id!)).OrderBy(a => a).ToArray());
        }
        finally { Execute(admin, $"ALTER ROLE {role} CONNECTION LIMIT -1"); }
    }

    private static async Task<int> Ingest(HttpClient c, string user, string id, double time, List<(string, string)> acknowledged)
    {
        var (status, _) = await Http.Post(c, $"/v1/users/{user}/events", Http.Events((id, time)));
        Assert.True(status is 200 or 503, $"{user}/{id}: status {status}");
        if (status == 200) lock (acknowledged) acknowledged.Add((user, id));
        return status;
    }

    private static async Task Eventually(Func<Task<int>> call)
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            if (await call() == 200) return;
            await Task.Delay(100);
        }
        Assert.Fail("still 503 after 20 retries");
    }

    private static async Task AssertUnavailable(HttpClient c, string path, string json, string sqlState)
    {
        using var response = await c.PostAsync(path, LiveServer.Json(json));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(ServingUnavailableException.RetryAfterSeconds.ToString(), response.Headers.RetryAfter?.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains(sqlState, problem.GetProperty("detail").GetString());
    }

    private static void Execute(string connection, string sql)
    {
        using var c = new NpgsqlConnection(connection);
        c.Open();
        using var q = new NpgsqlCommand(sql, c);
        q.ExecuteNonQuery();
    }
}
