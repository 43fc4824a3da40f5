using System.Buffers;
using System.Text.Json;
using Kairos.Data;
using Kairos.PointProcesses;
using Kairos.Serving;
using Microsoft.AspNetCore.Http;

namespace Kairos.Server;

/// <summary>A body over the configured limit (HTTP 413).</summary>
public sealed class BodyTooLargeException(string message) : Exception(message);

/// <summary>
/// Reads request bodies under a size limit and parses them field by field, so every bad input is a
/// <see cref="ServingInputException"/> naming its field ("body", "events[3].kind", …). Unknown fields are refused,
/// so a misspelt field is an error rather than a silently missing value.
/// </summary>
public static class RequestBodies
{
    private static readonly JsonDocumentOptions Json = new() { MaxDepth = 16 };

    /// <summary>The body as a JSON object that outlives the request (a copy; admin routes).</summary>
    public static Task<JsonElement> ReadObjectAsync(HttpRequest request, long limit, CancellationToken ct) =>
        ReadAsync(request, limit, static body => body.Clone(), ct);

    /// <summary>Reads the body and hands its root object to <paramref name="parse"/> while the parsed document is
    /// alive, so the hot routes read their fields without copying the document.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, long limit, Func<JsonElement, T> parse, CancellationToken ct)
    {
        if (request.ContentLength > limit)
            throw new BodyTooLargeException($"the body has {CountText.Of(request.ContentLength.Value, "byte")}; at most {limit} are accepted.");
        // A pooled buffer sized by Content-Length when given: no per-request allocation on the hot path.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and var n ? (int)n + 1 : 4096);
        int length = 0;
        try
        {
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > limit) throw new BodyTooLargeException($"the body exceeds {CountText.Of(limit, "byte")}.");
                    if (length == buffer.Length) buffer = Grow(buffer, length, limit);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw new BodyTooLargeException($"the body exceeds {CountText.Of(limit, "byte")}.");
            }
            using var doc = Parse(buffer.AsMemory(0, length));
            return parse(doc.RootElement);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static byte[] Grow(byte[] full, int length, long limit)
    {
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1, 2L * full.Length));
        full.AsSpan(0, length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(full);
        return bigger;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body, Json); }
        catch (JsonException e) { throw new ServingInputException("body", $"the body is not valid JSON: {e.Message}"); }
        if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
        string what = Describe(doc.RootElement);
        doc.Dispose();
        throw new ServingInputException("body", $"the body must be a JSON object, not {what}.");
    }

    /// <summary><c>{"events": [{"id", "time", "kind", "mark", "value", "feedback": [..], "context": [..]}, …]}</c>.</summary>
    public static IReadOnlyList<IncomingEvent> Events(JsonElement body, int maxBatch)
    {
        OnlyFields(body, default, BatchFields);
        if (!body.TryGetProperty("events", out var array) || array.ValueKind != JsonValueKind.Array)
            throw new ServingInputException("events", "'events' must be an array of events.");
        int count = array.GetArrayLength();
        if (count > maxBatch) throw new ServingInputException("events", $"the batch has {CountText.Of(count, "event")}; at most {maxBatch} are accepted per request.");
        var events = new List<IncomingEvent>(count);
        int i = 0;
        foreach (var e in array.EnumerateArray())
        {
            var f = new Where(i++);
            if (e.ValueKind != JsonValueKind.Object) throw new ServingInputException(f.Path, $"{f.Path} must be an object, not {Describe(e)}.");
            OnlyFields(e, f, EventFields);
            events.Add(new IncomingEvent(OptionalString(e, "id", f), Time(e, f), Kind(e, f), Mark(e, f), OptionalNumber(e, "value", f),
                OptionalVector(e, "feedback", f), OptionalVector(e, "context", f)));
        }
        return events;
    }

    /// <summary><c>{"id": "o1", "time": 2.5, "context": [..]}</c> (context optional).</summary>
    public static (string Id, double Time, double[]? Context) Opportunity(JsonElement body)
    {
        OnlyFields(body, default, OpportunityFields);
        string id = OptionalString(body, "id", default) ?? throw new ServingInputException("id", "'id' is required (it makes a retried opportunity idempotent).");
        return (id, Time(body, default), OptionalVector(body, "context", default));
    }

    /// <summary>An optional array of finite numbers (at most the engine's vector cap).</summary>
    private static double[]? OptionalVector(JsonElement o, string name, Where where)
    {
        if (!o.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        string f = where.Field(name);
        if (e.ValueKind != JsonValueKind.Array) throw new ServingInputException(f, $"'{name}' must be an array of numbers, not {Describe(e)}.");
        int n = e.GetArrayLength();
        if (n > 1024) throw new ServingInputException(f, $"'{name}' has {CountText.Of(n, "entry", "entries")}; at most 1024 are accepted.");
        var v = new double[n];
        int j = 0;
        foreach (var x in e.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number || !x.TryGetDouble(out v[j]) || !double.IsFinite(v[j]))
                throw new ServingInputException($"{f}[{j}]", $"'{name}' entries must be finite numbers, not {Describe(x)}.");
            j++;
        }
        return v;
    }

    private static readonly string[] BatchFields = ["events"], OpportunityFields = ["id", "time", "context"],
        EventFields = ["id", "time", "kind", "mark", "value", "feedback", "context"];

    private static void OnlyFields(JsonElement o, Where where, string[] allowed)
    {
        foreach (var p in o.EnumerateObject())
            if (!Known(p, allowed))
                throw new ServingInputException(where.Field(p.Name), $"unknown field '{p.Name}'; expected {string.Join(", ", allowed)}.");
    }

    private static bool Known(JsonProperty p, string[] allowed)
    {
        foreach (var name in allowed)
            if (p.NameEquals(name)) return true;
        return false;
    }

    /// <summary>Where a field sits: top level (<c>default</c>) or in event <c>index</c> of a batch. Field names are
    /// built only for error messages, so a valid body allocates none.</summary>
    private readonly struct Where(int index)
    {
        private readonly int _slot = index + 1;   // 0: top level
        public string Path => $"events[{_slot - 1}]";
        public string Field(string name) => _slot == 0 ? name : $"{Path}.{name}";
    }

    private static string? OptionalString(JsonElement o, string name, Where prefix) =>
        !o.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null ? null
        : e.ValueKind == JsonValueKind.String ? e.GetString()
        : throw new ServingInputException(prefix.Field(name), $"'{name}' must be a string, not {Describe(e)}.");

    private static double Time(JsonElement o, Where prefix)
    {
        if (!o.TryGetProperty("time", out var e)) throw new ServingInputException(prefix.Field("time"), "'time' is required.");
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double t) || !double.IsFinite(t))
            throw new ServingInputException(prefix.Field("time"), $"'time' must be a finite number, not {Describe(e)}.");
        if (t < 0) throw new ServingInputException(prefix.Field("time"), $"'time' is {e.GetRawText()}; times are ≥ 0.");
        return t;
    }

    private static double? OptionalNumber(JsonElement o, string name, Where prefix) =>
        !o.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null ? null
        : e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double x) && double.IsFinite(x) ? x
        : throw new ServingInputException(prefix.Field(name), $"'{name}' must be a finite number, not {Describe(e)}.");

    private static EventKind Kind(JsonElement o, Where prefix)
    {
        if (!o.TryGetProperty("kind", out var e) || e.ValueKind != JsonValueKind.String)
            throw new ServingInputException(prefix.Field("kind"), $"'kind' is required: one of {string.Join(", ", EventKindNames.All)}.");
        // The usual spellings without materializing the string; anything else through the shared parser.
        if (e.ValueEquals("feedback")) return EventKind.Feedback;
        if (e.ValueEquals("opportunity")) return EventKind.Opportunity;
        if (e.ValueEquals("action")) return EventKind.Action;
        return EventKindNames.Parse(e.GetString()!) ?? throw new ServingInputException(prefix.Field("kind"),
            $"unknown kind '{Truncate(e.GetString()!)}'{DidYouMean.Aside(Truncate(e.GetString()!), EventKindNames.All)}; expected one of {string.Join(", ", EventKindNames.All)}.");
    }

    private static int Mark(JsonElement o, Where prefix) =>
        !o.TryGetProperty("mark", out var e) ? 0
        : e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int m) && m >= 0 ? m
        : throw new ServingInputException(prefix.Field("mark"), $"'mark' must be an integer ≥ 0, not {Describe(e)}.");

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Truncate(e.GetRawText()),
        JsonValueKind.String => $"the string \"{Truncate(e.GetString()!)}\"",
        JsonValueKind.Null => "null",
        var k => $"an {k.ToString().ToLowerInvariant()}",
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
