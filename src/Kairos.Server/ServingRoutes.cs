using System.Text.Json;
using Kairos.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server;

/// <summary>The per-user routes, served for the default policy at /v1/users/… and for any named policy at
/// /v1/policies/{policy}/users/….</summary>
public static class ServingRoutes
{
    public sealed record IngestResponse(int Applied, int Duplicates);
    public sealed record NextActionResponse(double? Time, int Mark, string PolicyVersion);
    public sealed record OpportunityResponse(int Action, double Propensity, string PolicyVersion);
    public sealed record UserResponse(long Events, double? LastTime);

    public static void Map(IEndpointRouteBuilder app)
    {
        MapUsers(app.MapGroup("/v1/users/{id}"), policyFromRoute: false);
        MapUsers(app.MapGroup("/v1/policies/{policy}/users/{id}"), policyFromRoute: true);
    }

    private static void MapUsers(RouteGroupBuilder users, bool policyFromRoute)
    {
        string Policy(HttpContext c) => policyFromRoute ? (string)c.Request.RouteValues["policy"]! : PolicyCatalog.DefaultName;
        var o = ((IEndpointRouteBuilder)users).ServiceProvider.GetRequiredService<ServerOptions>();
        Func<JsonElement, IReadOnlyList<IncomingEvent>> events = body => RequestBodies.Events(body, o.Engine.MaxBatch);

        // Each handler catches on its own (no shared wrapper taking a closure): two objects fewer per request.
        users.MapPost("/events", async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> (string id, HttpContext c, IDecisionService engine, CancellationToken ct) =>
        {
            try
            {
                var batch = await RequestBodies.ReadAsync(c.Request, o.MaxBodyBytes, events, ct);
                var r = await engine.IngestAsync(Policy(c), id, batch, ct);
                return TypedResults.Ok(new IngestResponse(r.Applied, r.Duplicates));
            }
            catch (Exception e) when (Problems.For(e) is not null) { return Problems.For(e)!; }
        });

        users.MapGet("/next-action", async Task<Results<Ok<NextActionResponse>, ProblemHttpResult>> (string id, HttpContext c, IDecisionService engine, CancellationToken ct) =>
        {
            try
            {
                var r = await engine.NextActionAsync(Policy(c), id, ct);
                return TypedResults.Ok(new NextActionResponse(r.Time, r.Mark, r.PolicyVersion));
            }
            catch (Exception e) when (Problems.For(e) is not null) { return Problems.For(e)!; }
        });

        users.MapPost("/opportunity", async Task<Results<Ok<OpportunityResponse>, ProblemHttpResult>> (string id, HttpContext c, IDecisionService engine, CancellationToken ct) =>
        {
            try
            {
                var (opportunity, time, context) = await RequestBodies.ReadAsync(c.Request, o.MaxBodyBytes, RequestBodies.Opportunity, ct);
                var r = await engine.DecideAsync(Policy(c), id, opportunity, time, context, ct);
                return TypedResults.Ok(new OpportunityResponse(r.Action, r.Propensity, r.PolicyVersion));
            }
            catch (Exception e) when (Problems.For(e) is not null) { return Problems.For(e)!; }
        });

        users.MapGet("/", async Task<Results<Ok<UserResponse>, ProblemHttpResult>> (string id, HttpContext c, IDecisionService engine, CancellationToken ct) =>
        {
            try
            {
                var r = await engine.UserAsync(Policy(c), id, ct);
                return r is null
                    ? Problems.Of(StatusCodes.Status404NotFound, "Unknown user", "id", $"user '{id}' has no events under policy '{Policy(c)}'.")
                    : TypedResults.Ok(new UserResponse(r.Events, r.LastTime));
            }
            catch (Exception e) when (Problems.For(e) is not null) { return Problems.For(e)!; }
        });
    }
}
