using Kairos.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kairos.Server;

/// <summary>RFC 7807 problem details that name the field at fault (extension member "field").</summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, string title, string field, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>The problem for an exception the engine or the body reader raises, or null for an internal error.</summary>
    public static ProblemHttpResult? For(Exception e) => e switch
    {
        BodyTooLargeException b => Of(StatusCodes.Status413PayloadTooLarge, "Request body too large", "body", b.Message),
        ServingInputException s => Of(StatusCodes.Status400BadRequest, "Invalid request", s.Field, s.Message),
        EventOrderException o => Of(StatusCodes.Status409Conflict, "Event out of order", o.Field, o.Message),
        IdConflictException c => Of(StatusCodes.Status409Conflict, "Id already used", c.Field, c.Message),
        ServingUnavailableException u => Of(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "id", u.Message),
        UnknownPolicyException p => Of(StatusCodes.Status404NotFound, "Unknown policy", "policy", p.Message),
        _ when StoreFailures.IsTransient(e) => Of(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "store", StoreFailures.Unavailable(e).Message),
        _ => null,
    };
}
