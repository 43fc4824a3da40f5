using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>
/// The durable stores every store-level test runs against: SQLite always, PostgreSQL when it is available or when
/// running in CI (where a missing PostgreSQL must fail, with <see cref="PostgresCluster.Missing"/> as the message).
/// Elsewhere a missing PostgreSQL leaves its rows out and <see cref="PostgresAvailabilityTests"/> is skipped with
/// the reason.
/// </summary>
public static class TestStores
{
    public const string Sqlite = "sqlite", Postgres = "postgres";

    public static TheoryData<string> Durable
    {
        get
        {
            var data = new TheoryData<string> { Sqlite };
            if (PostgresCluster.Missing is null || PostgresCluster.InCi) data.Add(Postgres);
            return data;
        }
    }

    /// <summary>A store spec (for <see cref="UserStores.Open"/> and `kairos serve --store`) of a fresh, empty store.</summary>
    public static string NewSpec(string kind) => kind switch
    {
        Sqlite => $"sqlite:{ServingFixtures.TempDb()}",
        Postgres => $"postgres:{PostgresCluster.NewSchema()}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a test store is sqlite or postgres."),
    };

    /// <summary>Every stored record of a policy, read through a fresh store on the same spec.</summary>
    public static async Task<List<(string User, StoredRecord Record)>> ReadAll(string spec, string policy)
    {
        await using var store = UserStores.Open(spec);
        return store.ReadAll(policy).ToList();
    }
}

/// <summary>Skipped, with the reason, when PostgreSQL is not available outside CI; in CI a missing PostgreSQL fails.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresCluster.Missing is { } why && !PostgresCluster.InCi) Skip = why;
    }
}

public class PostgresAvailabilityTests
{
    [PostgresFact]
    public void PostgreSQL_is_available_to_the_store_tests()
    {
        Assert.True(PostgresCluster.Missing is null, PostgresCluster.Missing);
        Assert.NotEmpty(PostgresCluster.NewSchema());
    }
}
