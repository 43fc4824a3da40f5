using Kairos.Tests.Cli;

namespace Kairos.Tests.Cluster;

/// <summary>`kairos serve --cluster` refuses a bad value or an unreachable Redis with one error line (exit 2).</summary>
public sealed class ServeClusterOptionTests
{
    [Theory]
    [InlineData("foo", "expected redis:HOST:PORT")]
    [InlineData("redis:127.0.0.1:99999", "port in 1–65535")]
    [InlineData("redis:127.0.0.1:1", "cannot reach Redis at 127.0.0.1:1")]
    public void A_bad_or_unreachable_cluster_is_a_user_error(string cluster, string message)
    {
        var run = CliRunner.RunTuple("serve", "--store", "memory", "--urls", "http://127.0.0.1:0", "--cluster", cluster);
        Assert.Equal(2, run.Code);
        Assert.Contains($"error: --cluster {(cluster == "foo" ? "'foo'" : cluster.Contains("99999") ? $"'{cluster}'" : cluster)}", run.Err);
        Assert.Contains(message, run.Err);
    }
}
