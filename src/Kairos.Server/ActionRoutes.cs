using System.Globalization;
using Kairos.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kairos.Server;

/// <summary>
/// The relay's consumer side: <c>GET /v1/actions?after=CURSOR&amp;limit=N</c> reads the outbox of emitted actions in
/// cursor order. Cursors grow in commit order, the outbox is append-only, so the same query always gives the same
/// answer; a consumer stores <c>next</c> after handling a page and resumes from it (at-least-once: after a crash it
/// may see a page again and dedupes on <c>id</c>).
/// </summary>
public static class ActionRoutes
{
    public const int DefaultLimit = 100, MaxLimit = 1000;

    public sealed record ActionItem(long Cursor, string Id, string Policy, string User, string ActionId, double Time, int Mark)
    {
        public static ActionItem From(OutboxEntry e) => new(e.Cursor, e.Id, e.Policy, e.User, e.ActionId, e.Time, e.Mark);
    }

    /// <summary>A page of the outbox; <see cref="Next"/> is the cursor to pass as <c>after</c> next time (the last
    /// action's, or <c>after</c> itself when the page is empty).</summary>
    public sealed record ActionsResponse(IReadOnlyList<ActionItem> Actions, long Next);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/actions", async Task<Results<Ok<ActionsResponse>, ProblemHttpResult>> (string? after, string? limit, IUserStateStore store, CancellationToken ct) =>
        {
            try
            {
                long from = Parse(after, "after", 0, long.MaxValue, 0);
                int n = (int)Parse(limit, "limit", 1, MaxLimit, DefaultLimit);
                var rows = await store.ReadOutboxAsync(from, n, ct: ct);
                return TypedResults.Ok(new ActionsResponse(rows.Select(ActionItem.From).ToArray(), rows.Count == 0 ? from : rows[^1].Cursor));
            }
            catch (Exception e) when (Problems.For(e) is not null) { return Problems.For(e)!; }
        });

    private static long Parse(string? text, string field, long min, long max, long fallback)
    {
        if (text is null) return fallback;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
            throw new ServingInputException(field, $"'{text}' is not a valid {field}: an integer in {min}–{max} is expected.");
        return value;
    }
}
