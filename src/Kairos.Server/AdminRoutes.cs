using System.Security.Cryptography;
using System.Text;
using Kairos.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kairos.Server;

/// <summary>
/// Admin routes: upload a policy file and hot-swap it in (<c>PUT /v1/admin/policies/{name}</c>), export the decision log
/// (<c>GET /v1/admin/policies/{name}/log</c>, CSV). They need <c>Authorization: Bearer TOKEN</c> when the server has a
/// token; without one the server only starts bound to loopback (<see cref="EnsureSafeBinding"/>).
/// </summary>
public static class AdminRoutes
{
    public sealed record SwapResponse(string Policy, string Kind, string PolicyVersion);

    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin/policies/{name}");
        admin.MapPut("/", async Task<Results<Ok<SwapResponse>, ProblemHttpResult>> (string name, HttpContext c, DecisionEngine engine, ServerOptions o, CancellationToken ct) =>
        {
            if (Unauthorized(c, o) is { } denied) return denied;
            try
            {
                if (name.Length is 0 or > 128) throw new ServingInputException("name", "a policy name has 1 to 128 characters.");
                var body = await RequestBodies.ReadObjectAsync(c.Request, o.MaxBodyBytes, ct);
                ServedPolicy policy;
                try { policy = PolicyFiles.Parse(Encoding.UTF8.GetBytes(body.GetRawText()), name, o.Seed, "body"); }
                catch (Exception e) when (e is UserInputException or Kairos.Decisions.PolicyContextException or ArgumentException)
                {
                    throw new ServingInputException("body", e.Message);
                }
                engine.Policies.Swap(policy);
                return TypedResults.Ok(new SwapResponse(name, policy.Policy.Kind, policy.Version));
            }
            catch (Exception e) when (Problems.For(e) is not null) { return Problems.For(e)!; }
        });
        admin.MapGet("/log", Results<ContentHttpResult, ProblemHttpResult> (string name, HttpContext c, DecisionEngine engine, ServerOptions o) =>
        {
            if (Unauthorized(c, o) is { } denied) return denied;
            var text = new StringWriter();
            DecisionLog.Write(text, DecisionLog.Rows(engine.Store.ReadAll(name)), csv: true);
            return TypedResults.Text(text.ToString(), "text/csv");
        });
    }

    private static ProblemHttpResult? Unauthorized(HttpContext c, ServerOptions o)
    {
        if (o.AdminToken is null) return null;   // loopback only (checked at start)
        string given = c.Request.Headers.Authorization.ToString();
        byte[] expected = Encoding.UTF8.GetBytes("Bearer " + o.AdminToken), actual = Encoding.UTF8.GetBytes(given);
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? null
            : Problems.Of(StatusCodes.Status401Unauthorized, "Admin token required", "Authorization", "admin routes need 'Authorization: Bearer TOKEN'.");
    }

    /// <summary>Without an admin token the admin routes are open, so every URL must be loopback.</summary>
    public static void EnsureSafeBinding(ServerOptions o)
    {
        if (o.AdminToken is not null) return;
        foreach (var url in o.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri))
                throw new UserInputException($"--urls: '{url}' is not a URL.");
            bool loopback = uri.IsLoopback || System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip);
            if (!loopback)
                throw new UserInputException($"--urls: '{url}' is not loopback-only, and the admin routes have no token; " +
                    "give --admin-token (or KAIROS_ADMIN_TOKEN) or bind to 127.0.0.1.");
        }
    }
}
