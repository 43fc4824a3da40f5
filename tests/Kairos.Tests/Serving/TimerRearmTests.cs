using System.Text.Json;
using Kairos.Server;
using Kairos.Serving;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>
/// A single node's next-action timers survive a restart: a user whose next action was planned (and is due) when the
/// server stopped, and who sends nothing afterwards, gets that action emitted by the restarted server, exactly once.
/// </summary>
public class TimerRearmTests
{
    [Fact]
    public async Task A_restarted_node_emits_the_pending_action_of_a_user_who_sends_nothing_more_exactly_once()
    {
        string policy = LiveServer.BaselineFile("uniform", "rate", 4);
        string spec = TestStores.NewSpec(TestStores.Sqlite);
        double planned;
        await using (var first = await LiveServer.StartAsync(new ServerOptions { Store = spec, PolicyFile = policy }))   // no timers here
        {
            double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;   // user time = Unix seconds
            Assert.Equal(200, (await Post(first.Client, "/v1/users/quiet/events", Events(("e1", now)))).Item1);
            var (_, next) = await Get(first.Client, "/v1/users/quiet/next-action");
            planned = next.GetProperty("time").GetDouble();
        }
        while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 <= planned) await Task.Delay(50);   // due while no server ran

        await using var second = await LiveServer.StartAsync(new ServerOptions { Store = spec, PolicyFile = policy, EmitActions = true });
        string id = EmittedAction.IdFor(planned);
        var actions = await Eventually(second.Client, a => a.GetProperty("actionId").GetString() == id);
        Assert.Single(actions, a => a.GetProperty("actionId").GetString() == id);
        Assert.All(actions, a => Assert.Equal("quiet", a.GetProperty("user").GetString()));
        Assert.Equal(actions.Length, actions.Select(a => a.GetProperty("actionId").GetString()).Distinct().Count());
        Assert.True(actions.Single(a => a.GetProperty("actionId").GetString() == id).GetProperty("time").GetDouble() >= planned);   // late: when it left
    }

    private static Task<JsonElement[]> Eventually(HttpClient c, Func<JsonElement, bool> found) =>
        Waits.Until(async () => (await Get(c, "/v1/actions?after=0&limit=1000")).Item2.GetProperty("actions").EnumerateArray().ToArray(),
            actions => actions.Any(found), "the pending action emitted after the restart");
}
