using System.Net;
using System.Net.Sockets;
using Kairos.Server;
using Kairos.Tests.Cli;

namespace Kairos.Tests.Serving;

public class SoakCommandTests
{
    /// <summary>A port nothing listens on: connections to it are refused at once, as to a killed silo's front. The
    /// socket stays bound (without listening) for the test's duration, so no server of another test can take the port
    /// in the meantime (a port probed and released could be handed to the next server that binds port 0).</summary>
    private static (string Url, Socket Holder) DeadUrl()
    {
        var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ($"http://127.0.0.1:{((IPEndPoint)holder.LocalEndPoint!).Port}", holder);
    }

    [Fact]
    public async Task Requests_to_a_dead_front_go_through_the_next_one_and_every_acknowledged_event_is_counted()
    {
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = "memory" });
        string live = server.Client.BaseAddress!.ToString().TrimEnd('/');
        var (dead, holder) = DeadUrl();
        using var _ = holder;
        var run = await Task.Run(() => CliRunner.Run("soak", "--url", $"{dead},{live}", "--metrics", live,
            "--users", "200", "--rate", "20", "--duration", "1", "--interval", "0.5", "--retries", "2", "--mix", "ingest:1,decide:0",
            "--client-timeout", SoakOrderTests.ClientTimeout));
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        var finals = json.GetProperty("finalStatuses");
        // A user's requests go one at a time, retries included, so none is out of order (409) or left unanswered.
        Assert.True(finals.EnumerateObject().All(p => p.Name is "200"), finals.ToString());
        int acknowledged = finals.GetProperty("200").GetInt32();
        var verification = json.GetProperty("verification");
        Assert.Equal(0, verification.GetProperty("usersWithUnansweredRequests").GetInt32());
        Assert.Equal(0, verification.GetProperty("usersUnreadable").GetInt32());
        Assert.Equal(acknowledged, verification.GetProperty("acknowledged").GetInt32());
        Assert.Equal(acknowledged, verification.GetProperty("stored").GetInt32());
        // The series says which front answered what: the dead front (first URL) never answers, and every 200 came
        // from the live one; per front and per route, the counts add up to the attempts.
        var rows = json.GetProperty("series").EnumerateArray().ToArray();
        int Total(System.Text.Json.JsonElement statuses, string? only = null) =>
            statuses.EnumerateObject().Where(p => only is null || p.Name == only).Sum(p => p.Value.GetInt32());
        int attempts = rows.Sum(r => r.GetProperty("attempts").GetInt32());
        var deadFront = rows.Select(r => r.GetProperty("statusesByFront")[0]).ToArray();
        Assert.True(deadFront.Sum(d => Total(d)) > 0);
        Assert.Equal(deadFront.Sum(d => Total(d)), deadFront.Sum(d => Total(d, "0")));
        Assert.Equal(acknowledged, rows.Sum(r => Total(r.GetProperty("statusesByFront")[1], "200")));
        Assert.Equal(attempts, rows.Sum(r => r.GetProperty("statusesByFront").EnumerateArray().Sum(f => Total(f))));
        Assert.Equal(attempts, rows.Sum(r => Total(r.GetProperty("statusesByRoute").GetProperty("ingest"))));
        Assert.Equal(0, rows.Sum(r => Total(r.GetProperty("statusesByRoute").GetProperty("decide"))));
    }

    /// <summary>The warm-up: every user gets its requests before the measured run, apart from the series, and in the
    /// final check; the measured run's requests (the mix of routes) are the same as without a warm-up.</summary>
    [Fact]
    public async Task A_warm_up_sends_each_user_its_requests_apart_from_the_series_and_they_are_checked()
    {
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = "memory" });
        string live = server.Client.BaseAddress!.ToString().TrimEnd('/');
        string[] Args(params string[] extra) => ["soak", "--url", live, "--users", "7", "--rate", "20", "--duration", "1", "--interval", "0.5",
            "--client-timeout", SoakOrderTests.ClientTimeout, .. extra];
        var plain = await Task.Run(() => CliRunner.Run(Args()));
        var warmed = await Task.Run(() => CliRunner.Run(Args("--warmup-per-user", "3", "--warmup-rate", "50", "--warmup-pause", "0.2")));
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, warmed.ExitCode);
        var json = warmed.Json();
        var warmup = json.GetProperty("warmup");
        Assert.Equal(21, warmup.GetProperty("requests").GetInt32());
        Assert.Equal(21, warmup.GetProperty("finalStatuses").GetProperty("200").GetInt32());
        // 21 requests at 50/s, then the pause: at least 0.6 s, less the clocks' resolution (start times in whole
        // milliseconds, a send up to 1 ms before its due time, timers on a millisecond tick); without the pacing or
        // the pause it would be under 0.4 s
        double warmupSeconds = warmup.GetProperty("seconds").GetDouble();
        Assert.True(warmupSeconds >= 0.2 + 20 / 50.0 - 0.005, $"warm-up took {warmupSeconds} s");
        Assert.True(json.GetProperty("startUnix").GetDouble() > warmup.GetProperty("startUnix").GetDouble());
        Assert.Equal(20, json.GetProperty("requests").GetInt32());
        static int Attempts(System.Text.Json.JsonElement rows) => rows.EnumerateArray().Sum(r => r.GetProperty("attempts").GetInt32());
        Assert.Equal(21, Attempts(json.GetProperty("warmupSeries")));
        Assert.Equal(20, Attempts(json.GetProperty("series")));
        var verification = json.GetProperty("verification");
        Assert.Equal(7, verification.GetProperty("usersChecked").GetInt32());   // every user had its warm-up requests
        Assert.Equal(21 + json.GetProperty("finalStatuses").GetProperty("200").GetInt32(), verification.GetProperty("acknowledged").GetInt32());
        Assert.Equal(verification.GetProperty("acknowledged").GetInt32(), verification.GetProperty("stored").GetInt32());
        // the measured run is the same requests as without a warm-up: same split between the routes
        static int Route(System.Text.Json.JsonElement j, string route) =>
            j.GetProperty("series").EnumerateArray().Sum(r => r.GetProperty("statusesByRoute").GetProperty(route).EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.Equal(Route(plain.Json(), "ingest"), Route(json, "ingest"));
        Assert.Equal(Route(plain.Json(), "decide"), Route(json, "decide"));
        Assert.True(!plain.Json().TryGetProperty("warmup", out var none) || none.ValueKind == System.Text.Json.JsonValueKind.Null);
    }
}
