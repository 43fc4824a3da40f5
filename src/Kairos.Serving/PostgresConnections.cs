using System.Data.Common;

namespace Kairos.Serving;

/// <summary>
/// Defaults Kairos adds to a PostgreSQL connection string unless it sets them itself. Npgsql's own default pool (100
/// connections) lets three processes exhaust a server's max_connections (100 by default) and be refused with
/// "53300: too many clients"; Kairos caps each process at <see cref="MaxPoolSize"/> connections (the group-commit
/// writer holds one, restores share the rest and wait for a free one), so three silos take at most 60 of the 97 a
/// default server offers its ordinary roles. A request that waits longer than the connection string's Timeout
/// (Npgsql's default, 15 s) for a connection answers 503 with Retry-After; in a cluster the request timeout answers
/// 503 first.
/// </summary>
public static class PostgresConnections
{
    public const int MaxPoolSize = 20;

    public static string WithDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Overlaps(["maxpoolsize", "maximumpoolsize"])) b.MaxPoolSize = MaxPoolSize;
        return b.ConnectionString;
    }

    /// <summary>The process's pool size, for the documentation's arithmetic: silos × this ≤ max_connections − reserved.</summary>
    public static int PoolSize(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(WithDefaults(connectionString)).MaxPoolSize;
}
