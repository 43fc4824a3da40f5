using Kairos.Serving;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Kairos.Server;

/// <summary>
/// The last line for any route: a store that is out of reach (too many clients, pool exhausted, connection refused,
/// SQLite busy) or a <see cref="ServingUnavailableException"/> that no handler mapped answers 503 with problem details
/// (and Retry-After, added to every 503), never 500.
/// </summary>
public sealed class UnavailableExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not ServingUnavailableException && !StoreFailures.IsTransient(exception)) return false;
        var unavailable = exception as ServingUnavailableException ?? StoreFailures.Unavailable(exception);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable, Title = "Temporarily unavailable", Detail = unavailable.Message,
                Extensions = { ["field"] = "store" },
            },
        });
    }
}
