using System.Text.Json;
using Kairos.Server;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>The dashboard's JSON (stats, timeline, latest report) and its embedded page.</summary>
public sealed class DashboardRoutesTests
{
    [Fact]
    public async Task Timeline_shows_records_next_action_and_the_uniform_rate_as_intensity()
    {
        await using var server = await LiveServer.StartAsync(new ServerOptions
        {
            Store = "memory", PolicyFile = LiveServer.BaselineFile("uniform", "rate", 0.5), Seed = 3,
        });
        var c = server.Client;
        Assert.Equal(200, (await Post(c, "/v1/users/ann/events", Events(("e1", 1), ("e2", 2.5)))).Item1);
        var (status, next) = await Get(c, "/v1/users/ann/next-action");
        Assert.Equal(200, status);

        var (s, t) = await Get(c, "/v1/users/ann/timeline");
        Assert.Equal(200, s);
        Assert.Equal(2, t.GetProperty("events").GetInt32());
        var records = t.GetProperty("records").EnumerateArray().ToArray();
        Assert.Equal(["e1", "e2"], records.Select(r => r.GetProperty("id").GetString()));
        Assert.All(records, r => Assert.Equal("feedback", r.GetProperty("kind").GetString()));
        Assert.Equal(next.GetProperty("time").GetDouble(), t.GetProperty("next").GetProperty("time").GetDouble());
        var curve = t.GetProperty("intensity").EnumerateArray().ToArray();
        Assert.Equal(Kairos.Serving.UserTimeline.CurvePoints, curve.Length);
        Assert.All(curve, p => Assert.Equal(0.5, p.GetProperty("intensity").GetDouble()));
        Assert.Equal(2.5, curve[0].GetProperty("time").GetDouble());

        Assert.Equal(404, (await Get(c, "/v1/users/nobody/timeline")).Item1);
        Assert.Equal(404, (await Get(c, "/v1/policies/nope/users/ann/timeline")).Item1);
    }

    [Fact]
    public async Task Stats_count_serving_requests_only_and_name_the_policies()
    {
        // The window runs on the server's clock, held still here: however slow the machine, the three posts stay in it.
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = "memory", Clock = new StillClock() });
        var c = server.Client;
        for (int i = 0; i < 3; i++) await Post(c, $"/v1/users/u{i}/events", Events(($"e{i}", i)));
        await Get(c, "/v1/users/u0/timeline");
        await Get(c, "/v1/stats");
        var (status, s) = await Get(c, "/v1/stats");
        Assert.Equal(200, status);
        var requests = s.GetProperty("requests");
        Assert.Equal(3, requests.GetProperty("total").GetInt64());
        Assert.Equal(3, requests.GetProperty("requests").GetInt64());
        Assert.True(requests.GetProperty("p99Ms").GetDouble() >= requests.GetProperty("p50Ms").GetDouble());
        Assert.Equal(["u2", "u1", "u0"], s.GetProperty("recentUsers").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(3, s.GetProperty("usersInMemory").GetInt32());
        Assert.Equal("default", s.GetProperty("policies")[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("cluster").ValueKind);
    }

    [Fact]
    public async Task Page_and_script_are_embedded_and_the_newest_report_is_served()
    {
        string reports = Directory.CreateTempSubdirectory("kairos-reports-").FullName;
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = "memory", ReportsDirectory = reports });
        var c = server.Client;
        string page = await c.GetStringAsync("/");
        Assert.Contains("<script src=\"/dashboard.js\">", page);
        Assert.DoesNotContain("http", page.Replace("http-equiv", ""), StringComparison.OrdinalIgnoreCase);   // offline: nothing external
        Assert.Contains("/v1/stats", await c.GetStringAsync("/dashboard.js"));
        Assert.Equal(404, (await Get(c, "/v1/reports/latest")).Item1);

        File.WriteAllText(Path.Combine(reports, "old.html"), "<p>old</p>");
        File.SetLastWriteTimeUtc(Path.Combine(reports, "old.html"), DateTime.UtcNow.AddHours(-1));
        File.WriteAllText(Path.Combine(reports, "new.html"), "<table><tr><td>new</td></tr></table>");
        var (status, info) = await Get(c, "/v1/reports/latest");
        Assert.Equal((200, "new.html"), (status, info.GetProperty("name").GetString()));
        Assert.Contains("<td>new</td>", await c.GetStringAsync("/reports/latest"));
    }

    /// <summary>A clock that never moves (the request window's; request latencies are timed apart from it).</summary>
    private sealed class StillClock : TimeProvider
    {
        public override long GetTimestamp() => 1_000_000;
    }
}
