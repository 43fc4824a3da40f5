using Kairos.Cli;
using Kairos.Serving;

namespace Kairos.Tests.Cli;

/// <summary>`kairos serve --wal-limit` bounds a SQLite store's WAL: a size that is not one, one below the minimum, or a
/// store that is not SQLite exits 2 with one error line naming the flag, before the server starts.</summary>
public class ServeWalLimitTests
{
    [Theory]
    [InlineData("sqlite:{dir}/k.db", "1e308", "--wal-limit '1e308'")]
    [InlineData("sqlite:{dir}/k.db", "lots", "--wal-limit 'lots'")]
    [InlineData("sqlite-full:{dir}/k.db", "16KB", "--wal-limit 16384 B: must be at least 64 KB")]
    [InlineData("memory", "64MB", "--wal-limit bounds a SQLite store's write-ahead log; --store 'memory'")]
    public void A_bad_wal_limit_exits_2_naming_the_flag(string store, string limit, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("kairos-wal-limit-");
        try
        {
            var run = CliRunner.RunTuple("serve", "--store", store.Replace("{dir}", dir.FullName), "--urls", "http://127.0.0.1:0", "--wal-limit", limit);
            Assert.Equal(2, run.Code);
            var error = Assert.Single(run.Err.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
            Assert.Contains(expected, error);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void The_default_applies_to_every_store_and_a_size_to_SQLite_stores()
    {
        Assert.Equal(SqliteUserStateStore.DefaultWalLimit, UserStores.WalLimit("memory", null));
        Assert.Equal(1L << 20, UserStores.WalLimit("sqlite-full:k.db", 1L << 20));
        Assert.Equal(SqliteUserStateStore.MinWalLimit, UserStores.WalLimit("sqlite:k.db", SqliteUserStateStore.MinWalLimit));
    }
}
