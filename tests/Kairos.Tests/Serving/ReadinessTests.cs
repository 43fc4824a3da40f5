using Kairos.Serving;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>Readiness for load balancers: not ready while starting, while any start-up step is pending, or once
/// stopping; a single node is ready as soon as it serves.</summary>
public class ReadinessTests
{
    [Fact]
    public void Ready_only_when_started_with_no_step_pending_and_not_stopping()
    {
        var r = new Readiness();
        var warm = r.Begin("warm-up");
        Assert.Equal("starting", r.Reason);
        r.Started();
        Assert.False(r.IsReady);
        Assert.Equal("warm-up", r.Reason);
        warm.Done();
        Assert.True(r.IsReady);
        Assert.Null(r.Reason);
        r.Stopping();
        Assert.False(r.IsReady);
        Assert.Equal("stopping", r.Reason);
    }

    [Fact]
    public async Task A_single_node_answers_ready_once_it_serves()
    {
        await using var server = await LiveServer.StartAsync(new Kairos.Server.ServerOptions { Store = "memory" });
        var (status, body) = await Get(server.Client, "/health/ready");
        Assert.Equal(200, status);
        Assert.Equal("ready", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_pending_step_answers_503_with_retry_after_and_its_name()
    {
        await using var server = await LiveServer.StartAsync(new Kairos.Server.ServerOptions { Store = "memory" });
        var readiness = (Readiness)server.App.Services.GetService(typeof(Readiness))!;
        var step = readiness.Begin("warm-up of this silo's grains");
        using (var response = await server.Client.GetAsync("/health/ready"))
        {
            Assert.Equal(503, (int)response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("warm-up of this silo's grains", await response.Content.ReadAsStringAsync());
        }
        step.Done();
        Assert.Equal(200, (await Get(server.Client, "/health/ready")).Item1);
    }
}
