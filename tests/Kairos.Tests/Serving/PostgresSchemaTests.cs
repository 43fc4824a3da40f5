using Kairos.Serving;
using Npgsql;

namespace Kairos.Tests.Serving;

/// <summary>
/// Opening a PostgreSQL store creates its tables only when they are missing, under a creation lock of its own schema:
/// an open on an existing schema takes no table lock (so it never waits behind writes in flight), and stores of
/// different schemas on one database never wait for each other. Each open here runs with a 3 s command timeout, so
/// a lock wait fails the test instead of hanging it.
/// </summary>
public class PostgresSchemaTests
{
    [PostgresFact]
    public async Task Opening_an_existing_schema_does_not_wait_for_a_write_in_flight()
    {
        string schema = PostgresCluster.NewSchema();
        await (await Open(schema)).DisposeAsync();
        await using var writer = await Connect(schema);
        await using var inFlight = await writer.BeginTransactionAsync();
        await Execute(writer, "LOCK TABLE kairos_events IN ROW EXCLUSIVE MODE");   // what an INSERT holds until its commit

        await using var store = await Open(schema);
        Assert.Empty(store.ReadAll("default"));
    }

    [PostgresFact]
    public async Task Creating_one_schema_does_not_wait_for_another_schemas_creation()
    {
        string busy = PostgresCluster.NewSchema(), other = PostgresCluster.NewSchema();
        await using var creator = await Connect(busy);
        await using var creating = await creator.BeginTransactionAsync();
        await Execute(creator, PostgresUserStateStore.SchemaLock);

        await using (var store = await Open(other)) Assert.Empty(store.ReadAll("default"));
        // The lock is real: the busy schema's own creation waits for it (here until the command timeout).
        var e = await Assert.ThrowsAnyAsync<NpgsqlException>(() => Open(busy, commandTimeout: 1));
        Assert.Contains(ExceptionChain.Of(e), x => x is TimeoutException);
    }

    private static Task<PostgresUserStateStore> Open(string connection, int commandTimeout = 3) =>
        Task.Run(() => new PostgresUserStateStore(new NpgsqlConnectionStringBuilder(connection) { CommandTimeout = commandTimeout }.ToString()));

    private static async Task<NpgsqlConnection> Connect(string connection)
    {
        var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        return c;
    }

    private static async Task Execute(NpgsqlConnection c, string sql)
    {
        await using var q = new NpgsqlCommand(sql, c);
        await q.ExecuteNonQueryAsync();
    }
}
