using System.Collections.Concurrent;
using Kairos.Server;
using Kairos.Serving;
using Kairos.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Tests.Serving;

/// <summary>
/// `kairos soak` sends one user's requests one at a time, in order, while keeping the aggregate rate: a server that
/// holds each request 10 ms and watches how many of a user's requests are in flight never sees two, at 200 req/s over
/// 4 users (each user busy ~50% of the time, so a generator that overlapped them would be caught many times), and
/// every request is acknowledged (no 409 out of order).
/// </summary>
public class SoakOrderTests
{
    private sealed class OverlapProbe(IDecisionService inner) : IDecisionService
    {
        private readonly ConcurrentDictionary<string, int> _inFlight = new();
        public int Overlaps;
        public int Calls;

        private async Task<T> Watch<T>(string user, Func<Task<T>> call)
        {
            Interlocked.Increment(ref Calls);
            if (_inFlight.AddOrUpdate(user, 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref Overlaps);
            try
            {
                await Task.Delay(10);
                return await call();
            }
            finally { _inFlight.AddOrUpdate(user, 0, (_, n) => n - 1); }
        }

        public Task<IngestResult> IngestAsync(string policy, string user, IReadOnlyList<IncomingEvent> events, CancellationToken ct = default) =>
            Watch(user, () => inner.IngestAsync(policy, user, events, ct));
        public Task<OpportunityResult> DecideAsync(string policy, string user, string id, double time, CancellationToken ct = default) =>
            Watch(user, () => inner.DecideAsync(policy, user, id, time, ct));
        public Task<OpportunityResult> DecideAsync(string policy, string user, string id, double time, double[]? context, CancellationToken ct = default) =>
            Watch(user, () => inner.DecideAsync(policy, user, id, time, context, ct));
        public Task<NextActionResult> NextActionAsync(string policy, string user, CancellationToken ct = default) => inner.NextActionAsync(policy, user, ct);
        public Task<UserSummary?> UserAsync(string policy, string user, CancellationToken ct = default) => inner.UserAsync(policy, user, ct);
        public Task<UserTimeline?> TimelineAsync(string policy, string user, int limit = 200, CancellationToken ct = default) => inner.TimelineAsync(policy, user, limit, ct);
    }

    /// <summary>The soak client's timeout in these tests: the hang guard, not its default 10 s. A request the client
    /// gives up on while the (loaded) server still works on it is retried, and the retry overlaps the original: an
    /// overlap and an extra call this test would count against the generator.</summary>
    public static readonly string ClientTimeout = $"{Waits.HangGuard.TotalSeconds}";

    [Fact]
    public async Task One_users_requests_are_sent_one_at_a_time_at_the_aggregate_rate()
    {
        OverlapProbe? probe = null;
        await using var server = await LiveServer.StartAsync(new ServerOptions { Store = "memory" }, builder =>
            builder.Services.AddSingleton<IDecisionService>(sp => probe = new OverlapProbe(sp.GetRequiredService<DecisionEngine>())));
        string live = server.Client.BaseAddress!.ToString().TrimEnd('/');
        var run = await Task.Run(() => CliRunner.Run("soak", "--url", live, "--users", "4", "--rate", "200", "--duration", "1", "--interval", "0.5",
            "--client-timeout", ClientTimeout));
        Assert.Equal(0, run.ExitCode);
        var finals = run.Json().GetProperty("finalStatuses");
        Assert.Equal(200, finals.GetProperty("200").GetInt32());
        Assert.Single(finals.EnumerateObject());
        Assert.Equal(200, probe!.Calls);
        Assert.Equal(0, probe.Overlaps);
    }
}
