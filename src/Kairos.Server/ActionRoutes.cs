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
/// may see a page again and dedupes on <c>id</c>). With <c>include=skipped</c> the feed also lists the planned actions
/// skipped as too late (<c>status</c> "skipped", <c>time</c> when skipped), in the same cursor order.
/// </summary>
public static class ActionRoutes
{
    public const int DefaultLimit = 100, MaxLimit = 1000;

    public const string Emitted = "emitted", Skipped = "skipped";

    /// <summary>One outbox row: <see cref="Status"/> "emitted" (<see cref="Time"/> = when it left) or "skipped"
    /// (<see cref="Time"/> = when it was skipped); <see cref="PlannedTime"/> = the time it was planned for.</summary>
    public sealed record ActionItem(long Cursor, string Id, string Policy, string User, string ActionId, double Time, int Mark, string Status, double? PlannedTime)
    {
        public static ActionItem From(OutboxEntry e) =>
            new(e.Cursor, e.Id, e.Policy, e.User, e.ActionId, e.Time, e.Mark, e.Skipped ? Skipped : Emitted, e.PlannedTime);
    }

    /// <summary>A page of the outbox; <see cref="Next"/> is the cursor to pass as <c>after</c> next time (the last
    /// action's, or <c>after</c> itself when the page is empty).</summary>
    public sealed record ActionsResponse(IReadOnlyList<ActionItem> Actions, long Next);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/v1/actions", async Task<Results<Ok<ActionsResponse>, ProblemHttpResult>> (string? after, string? limit, string? include, IUserStateStore store, CancellationToken ct) =>
        {
            try
            {
                long from = Parse(after, "after", 0, long.MaxValue, 0);
                int n = (int)Parse(limit, "limit", 1, MaxLimit, DefaultLimit);
                bool withSkipped = include switch
                {
                    null => false,
                    Skipped => true,
                    _ => throw new ServingInputException("include", $"'{include}' is not a valid include: 'skipped' (emitted and skipped actions) or nothing (emitted only) is expected."),
                };
                var rows = await store.ReadOutboxAsync(from, n, includeSkipped: withSkipped, ct: ct);
                return TypedResults.Ok(new ActionsResponse(rows.Select(ActionItem.From).ToArray(), rows.Count == 0 ? from : rows[^1].Cursor));
            }
            catch (Exception e) when (Problems.For(e) is not null) { return Problems.For(e)!; }
        })
        .WithSummary("The outbox: actions the service emitted, after a cursor, in commit order")
        .WithDescription("Query: after (cursor, default 0), limit (1–1000, default 100), include=skipped (also the planned actions " +
                         "skipped as later than --max-lateness: status \"skipped\", time = when skipped; without it, emitted actions only). " +
                         "Resume from next; dedupe on id (at-least-once).");

    private static long Parse(string? text, string field, long min, long max, long fallback)
    {
        if (text is null) return fallback;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
            throw new ServingInputException(field, $"'{text}' is not a valid {field}: an integer in {min}–{max} is expected.");
        return value;
    }
}
