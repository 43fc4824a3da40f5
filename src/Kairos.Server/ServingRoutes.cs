using Kairos.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

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

        users.MapPost("/events", (string id, HttpContext c, IDecisionService engine, ServerOptions o, CancellationToken ct) =>
            Guard(async () =>
            {
                var events = await RequestBodies.ReadAsync(c.Request, o.MaxBodyBytes, body => RequestBodies.Events(body, o.Engine.MaxBatch), ct);
                var r = await engine.IngestAsync(Policy(c), id, events, ct);
                return TypedResults.Ok(new IngestResponse(r.Applied, r.Duplicates));
            }));

        users.MapGet("/next-action", (string id, HttpContext c, IDecisionService engine, CancellationToken ct) =>
            Guard(async () =>
            {
                var r = await engine.NextActionAsync(Policy(c), id, ct);
                return TypedResults.Ok(new NextActionResponse(r.Time, r.Mark, r.PolicyVersion));
            }));

        users.MapPost("/opportunity", (string id, HttpContext c, IDecisionService engine, ServerOptions o, CancellationToken ct) =>
            Guard(async () =>
            {
                var (opportunity, time, context) = await RequestBodies.ReadAsync(c.Request, o.MaxBodyBytes, RequestBodies.Opportunity, ct);
                var r = await engine.DecideAsync(Policy(c), id, opportunity, time, context, ct);
                return TypedResults.Ok(new OpportunityResponse(r.Action, r.Propensity, r.PolicyVersion));
            }));

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

    /// <summary>Runs a handler; the engine's and body reader's exceptions become problem details.</summary>
    internal static async Task<Results<Ok<T>, ProblemHttpResult>> Guard<T>(Func<Task<Ok<T>>> handler)
    {
        try { return await handler(); }
        catch (Exception e) when (Problems.For(e) is not null) { return Problems.For(e)!; }
    }
}
