using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kairos.Serving;

/// <summary>
/// Which store failures are the store being out of reach for a while (answered 503 with Retry-After) rather than a
/// defect (500): PostgreSQL refusing or dropping connections (too many clients, the pool exhausted, connection
/// refused or reset, the server shutting down or starting, SQLSTATE classes 08, 53 and 57P), transient Npgsql errors
/// (timeouts, I/O), and SQLite's busy or locked database. A request that failed this way may or may not have been
/// committed; retrying it is safe because ids make ingestion and opportunities idempotent.
/// </summary>
public static class StoreFailures
{
    public static bool IsTransient(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            switch (x)
            {
                case PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal)
                                           || p.SqlState.StartsWith("53", StringComparison.Ordinal)
                                           || p.SqlState.StartsWith("57P", StringComparison.Ordinal):
                    return true;
                case PostgresException p: return p.IsTransient;
                case NpgsqlException n when n.IsTransient: return true;
                case SqliteException s when s.SqliteErrorCode is 5 or 6:   // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
                case System.Net.Sockets.SocketException or IOException or TimeoutException: return true;
            }
        return false;
    }

    /// <summary>The store refused an event id the user already used: an id older than the engine's id window, which
    /// the engine could not recognize as a retry (SQLite's claim on the id, PostgreSQL 23505 on the id index).</summary>
    public static bool IsDuplicateId(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            switch (x)
            {
                case IdAlreadyStoredException:
                    return true;
                case PostgresException { SqlState: "23505", ConstraintName: "kairos_events_by_id" }:
                    return true;
            }
        return false;
    }

    /// <summary>The 503 a transient store failure answers with.</summary>
    public static ServingUnavailableException Unavailable(Exception e) =>
        new($"the store is unavailable right now ({Describe(e)}); retry after {ServingUnavailableException.RetryAfterSeconds} s.", e);

    private static string Describe(Exception e) => e is PostgresException p ? $"PostgreSQL {p.SqlState}: {p.MessageText}" : e.Message;
}

/// <summary>A write carried an id its user already stored (<see cref="SqliteUserStateStore"/>); nothing of it was
/// committed.</summary>
public sealed class IdAlreadyStoredException(string policy, string user, string id)
    : Exception($"id '{id}' is already stored for user '{user}' of policy '{policy}'.");
