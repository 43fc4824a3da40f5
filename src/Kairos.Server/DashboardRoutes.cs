using Kairos.Data;
using Kairos.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server;

/// <summary>
/// The live dashboard at <c>/</c> (an embedded HTML page and script, no external resources) and the JSON it reads:
/// <c>GET /v1/stats</c> (request rate, latency percentiles, users, policies, cluster members, recent emitted actions),
/// <c>GET /v1/users/{id}/timeline</c> (and per policy) and <c>GET /v1/reports/latest</c> (the newest evaluation
/// report in <c>--reports DIR</c>, served at <c>/reports/latest</c>).
/// </summary>
public static class DashboardRoutes
{
    public const double WindowSeconds = 10;

    public sealed record PolicyInfo(string Name, string Kind, string Version);
    public sealed record Stats(RecentRequests.Window Requests, int UsersInMemory, long Evictions, IReadOnlyList<string> RecentUsers,
        IReadOnlyList<PolicyInfo> Policies, IReadOnlyList<ClusterMember>? Cluster, IReadOnlyList<ActionRoutes.ActionItem> RecentActions);
    public sealed record TimelineRecord(long Seq, string? Id, double Time, string Kind, int Mark, double? Value, double? Propensity, string? PolicyVersion);
    public sealed record TimelineResponse(string Policy, string User, string PolicyVersion, long Events, double? LastTime,
        IReadOnlyList<TimelineRecord> Records, NextActionResult Next, IReadOnlyList<IntensityPoint>? Intensity);
    public sealed record ReportInfo(string Name, DateTime Modified, string Url);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Asset("index.html", "text/html; charset=utf-8"));
        app.MapGet("/dashboard.js", () => Asset("dashboard.js", "text/javascript; charset=utf-8"));
        app.MapGet("/v1/stats", async (DecisionEngine engine, RecentRequests recent, IServiceProvider services, CancellationToken ct) =>
        {
            var cluster = services.GetService<IClusterView>();
            return TypedResults.Ok(new Stats(recent.Last(WindowSeconds), engine.UsersInMemory, engine.Evictions, recent.Users,
                engine.Policies.All.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new PolicyInfo(p.Name, p.Policy.Kind, p.Version)).ToArray(),
                cluster is null ? null : await cluster.MembersAsync(ct), await RecentActions(engine.Store, ct)));
        });
        app.MapGet("/v1/users/{id}/timeline", (string id, IDecisionService engine, CancellationToken ct) => Timeline(engine, PolicyCatalog.DefaultName, id, ct));
        app.MapGet("/v1/policies/{policy}/users/{id}/timeline", (string policy, string id, IDecisionService engine, CancellationToken ct) => Timeline(engine, policy, id, ct));
        app.MapGet("/v1/reports/latest", Results<Ok<ReportInfo>, ProblemHttpResult> (ServerOptions o) =>
            Latest(o) is { } f ? TypedResults.Ok(new ReportInfo(f.Name, f.LastWriteTimeUtc, "/reports/latest")) : NoReport(o));
        app.MapGet("/reports/latest", Results<PhysicalFileHttpResult, ProblemHttpResult> (ServerOptions o) =>
            Latest(o) is { } f ? TypedResults.PhysicalFile(f.FullName, "text/html; charset=utf-8") : NoReport(o));
    }

    /// <summary>Whether a request is the service's own (counted in the dashboard's rate), not the dashboard's polling.</summary>
    public static bool IsServing(string route) =>
        (route.StartsWith("/v1/users/", StringComparison.Ordinal) || route.StartsWith("/v1/policies/", StringComparison.Ordinal))
        && !route.EndsWith("/timeline", StringComparison.Ordinal);

    public const int RecentActionCount = 10;

    /// <summary>The newest emitted actions; none while the store is out of reach (the page keeps polling).</summary>
    private static async Task<IReadOnlyList<ActionRoutes.ActionItem>> RecentActions(IUserStateStore store, CancellationToken ct)
    {
        try { return (await store.ReadOutboxAsync(0, RecentActionCount, newest: true, ct: ct)).Select(ActionRoutes.ActionItem.From).ToArray(); }
        catch (Exception e) when (StoreFailures.IsTransient(e)) { return []; }
    }

    private static async Task<Results<Ok<TimelineResponse>, ProblemHttpResult>> Timeline(IDecisionService engine, string policy, string id, CancellationToken ct)
    {
        try
        {
            var t = await engine.TimelineAsync(policy, id, ct: ct);
            if (t is null) return Problems.Of(StatusCodes.Status404NotFound, "Unknown user", "id", $"user '{id}' has no events under policy '{policy}'.");
            var records = t.Records.Select(r => new TimelineRecord(r.Seq, r.Id, r.Time, SkippedAction.Is(r) ? SkippedAction.KindName : EventKindNames.Name(r.Kind), r.Mark, r.Value, r.Propensity, r.PolicyVersion)).ToArray();
            return TypedResults.Ok(new TimelineResponse(t.Policy, t.User, t.PolicyVersion, t.Events, t.LastTime, records, t.Next, t.Intensity));
        }
        catch (Exception e) when (Problems.For(e) is not null) { return Problems.For(e)!; }
    }

    private static FileInfo? Latest(ServerOptions o) =>
        o.ReportsDirectory is { } dir && Directory.Exists(dir)
            ? new DirectoryInfo(dir).EnumerateFiles("*.html").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()
            : null;

    private static ProblemHttpResult NoReport(ServerOptions o) => Problems.Of(StatusCodes.Status404NotFound, "No report", "reports",
        o.ReportsDirectory is null ? "the server was started without --reports DIR." : $"no evaluation report (*.html) in {o.ReportsDirectory}.");

    private static IResult Asset(string name, string contentType)
    {
        using var stream = typeof(DashboardRoutes).Assembly.GetManifestResourceStream($"Kairos.Server.Dashboard.{name}")
            ?? throw new InvalidOperationException($"the dashboard asset {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return TypedResults.Text(reader.ReadToEnd(), contentType);
    }
}
