using Kairos.Server;
using Kairos.Tests.Cli;

namespace Kairos.Tests.Serving;

public class LoadgenCommandTests
{
    [Fact]
    public async Task Loadgen_sends_the_requested_open_loop_load_and_reads_the_server_histogram()
    {
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = "memory" });
        var run = await Task.Run(() => CliRunner.Run("loadgen", "--url", server.Client.BaseAddress!.ToString().TrimEnd('/'),
            "--users", "50", "--rate", "200", "--duration", "0.5", "--mix", "ingest:1,decide:1", "--connections", "4"));
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(100, json.GetProperty("requests").GetInt32());
        Assert.Equal(4, json.GetProperty("connections").GetInt32());
        Assert.Equal(0, json.GetProperty("storeIdLookups").GetInt64());   // new events in time order never ask the store for ids
        Assert.Equal(100, json.GetProperty("serverMs").GetProperty("requests").GetInt32());
        Assert.Equal(100, json.GetProperty("statuses").GetProperty("200").GetInt32());
        Assert.Equal(100, json.GetProperty("storeCommitWaitMs").GetProperty("requests").GetInt32());   // one store write per request
        foreach (var part in new[] { "storeQueueWaitMs", "storeResumeMs", "outsideStoreMs" })
            Assert.Equal(100, json.GetProperty("serverParts").GetProperty(part).GetProperty("requests").GetInt32());
        Assert.Equal(100, json.GetProperty("requestPartsUs").GetProperty("all").GetProperty("requests").GetInt32());
        Assert.True(json.GetProperty("requestPartsUs").GetProperty("all").GetProperty("meanUs").GetProperty("store_commit").GetDouble() > 0);
        Assert.True(json.GetProperty("gc").GetProperty("pauseMs").GetDouble() >= 0);
    }

    /// <summary>A real client sends one user's events in time order. With 3 users at 2,000 requests/s, requests of one
    /// user overlap in flight; a generator that stamps them concurrently sees many of them overtaken on the way (409
    /// "Event out of order"). Loadgen must send each user's requests one after another, stamped at send time.</summary>
    [Fact]
    public async Task Loadgen_keeps_each_users_requests_in_time_order_under_concurrency()
    {
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = "memory" });
        var run = await Task.Run(() => CliRunner.Run("loadgen", "--url", server.Client.BaseAddress!.ToString().TrimEnd('/'),
            "--users", "3", "--rate", "2000", "--duration", "0.4"));
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(800, json.GetProperty("statuses").GetProperty("200").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Object, json.GetProperty("rejections").ValueKind);
        Assert.Empty(json.GetProperty("rejections").EnumerateObject());
    }

    [Fact]
    public void Server_quantiles_beyond_the_histogram_are_null_with_the_histogram_top_not_infinity()
    {
        var before = new SortedDictionary<double, long> { [0.01] = 0, [0.1] = 0, [double.PositiveInfinity] = 0 };
        var after = new SortedDictionary<double, long> { [0.01] = 60, [0.1] = 60, [double.PositiveInfinity] = 100 };
        var json = System.Text.Json.JsonSerializer.SerializeToElement(Kairos.Cli.Commands.LoadgenCommand.ServerQuantiles(before, after));
        Assert.Equal(10.0, json.GetProperty("p50AtMost").GetDouble(), 9);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("p99AtMost").ValueKind);
        Assert.Equal(100.0, json.GetProperty("histogramTopMs").GetDouble(), 9);
    }

    [Fact]
    public void A_bad_mix_is_a_user_error_naming_the_flag()
    {
        var run = CliRunner.Run("loadgen", "--mix", "ingest:0.7,read:0.3");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--mix", run.Stderr);
    }

    [Fact]
    public void No_connections_is_a_user_error_naming_the_flag()
    {
        var run = CliRunner.Run("loadgen", "--connections", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--connections", run.Stderr);
    }
}
