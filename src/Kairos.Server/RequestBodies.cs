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

    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
            throw new BodyTooLargeException($"the body has {request.ContentLength} bytes; at most {limit} are accepted.");
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
                    if (length > limit) throw new BodyTooLargeException($"the body exceeds {limit} bytes.");
                    if (length == buffer.Length) buffer = Grow(buffer, length, limit);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw new BodyTooLargeException($"the body exceeds {limit} bytes.");
            }
            return Parse(buffer.AsMemory(0, length));
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

    private static JsonElement Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body, Json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new ServingInputException("body", $"the body must be a JSON object, not {Describe(doc.RootElement)}.");
            return doc.RootElement.Clone();
        }
        catch (JsonException e) { throw new ServingInputException("body", $"the body is not valid JSON: {e.Message}"); }
    }

    /// <summary><c>{"events": [{"id", "time", "kind", "mark", "value", "feedback": [..], "context": [..]}, …]}</c>.</summary>
    public static IReadOnlyList<IncomingEvent> Events(JsonElement body, int maxBatch)
    {
        OnlyFields(body, "", "events");
        if (!body.TryGetProperty("events", out var array) || array.ValueKind != JsonValueKind.Array)
            throw new ServingInputException("events", "'events' must be an array of events.");
        int count = array.GetArrayLength();
        if (count > maxBatch) throw new ServingInputException("events", $"the batch has {count} events; at most {maxBatch} are accepted per request.");
        var events = new List<IncomingEvent>(count);
        int i = 0;
        foreach (var e in array.EnumerateArray())
        {
            string f = $"events[{i++}]";
            if (e.ValueKind != JsonValueKind.Object) throw new ServingInputException(f, $"{f} must be an object, not {Describe(e)}.");
            OnlyFields(e, f + ".", "id", "time", "kind", "mark", "value", "feedback", "context");
            events.Add(new IncomingEvent(OptionalString(e, "id", f), Time(e, f), Kind(e, f), Mark(e, f), OptionalNumber(e, "value", f),
                OptionalVector(e, "feedback", f), OptionalVector(e, "context", f)));
        }
        return events;
    }

    /// <summary><c>{"id": "o1", "time": 2.5, "context": [..]}</c> (context optional).</summary>
    public static (string Id, double Time, double[]? Context) Opportunity(JsonElement body)
    {
        OnlyFields(body, "", "id", "time", "context");
        string id = OptionalString(body, "id", "") ?? throw new ServingInputException("id", "'id' is required (it makes a retried opportunity idempotent).");
        return (id, Time(body, ""), OptionalVector(body, "context", ""));
    }

    /// <summary>An optional array of finite numbers (at most the engine's vector cap).</summary>
    private static double[]? OptionalVector(JsonElement o, string name, string prefix)
    {
        string f = Field(prefix, name);
        if (!o.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind != JsonValueKind.Array) throw new ServingInputException(f, $"'{name}' must be an array of numbers, not {Describe(e)}.");
        int n = e.GetArrayLength();
        if (n > 1024) throw new ServingInputException(f, $"'{name}' has {n} entries; at most 1024 are accepted.");
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

    private static void OnlyFields(JsonElement o, string prefix, params string[] allowed)
    {
        foreach (var p in o.EnumerateObject())
            if (Array.IndexOf(allowed, p.Name) < 0)
                throw new ServingInputException(prefix + p.Name, $"unknown field '{p.Name}'; expected {string.Join(", ", allowed)}.");
    }

    private static string Field(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    private static string? OptionalString(JsonElement o, string name, string prefix) =>
        !o.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null ? null
        : e.ValueKind == JsonValueKind.String ? e.GetString()
        : throw new ServingInputException(Field(prefix, name), $"'{name}' must be a string, not {Describe(e)}.");

    private static double Time(JsonElement o, string prefix)
    {
        string f = Field(prefix, "time");
        if (!o.TryGetProperty("time", out var e)) throw new ServingInputException(f, "'time' is required.");
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double t) || !double.IsFinite(t))
            throw new ServingInputException(f, $"'time' must be a finite number, not {Describe(e)}.");
        if (t < 0) throw new ServingInputException(f, $"'time' is {e.GetRawText()}; times are ≥ 0.");
        return t;
    }

    private static double? OptionalNumber(JsonElement o, string name, string prefix) =>
        !o.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null ? null
        : e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double x) && double.IsFinite(x) ? x
        : throw new ServingInputException(Field(prefix, name), $"'{name}' must be a finite number, not {Describe(e)}.");

    private static EventKind Kind(JsonElement o, string prefix)
    {
        string f = Field(prefix, "kind");
        if (!o.TryGetProperty("kind", out var e) || e.ValueKind != JsonValueKind.String)
            throw new ServingInputException(f, $"'kind' is required: one of {string.Join(", ", EventKindNames.All)}.");
        return EventKindNames.Parse(e.GetString()!) ?? throw new ServingInputException(f,
            $"unknown kind '{Truncate(e.GetString()!)}'; expected one of {string.Join(", ", EventKindNames.All)}.");
    }

    private static int Mark(JsonElement o, string prefix) =>
        !o.TryGetProperty("mark", out var e) ? 0
        : e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int m) && m >= 0 ? m
        : throw new ServingInputException(Field(prefix, "mark"), $"'mark' must be an integer ≥ 0, not {Describe(e)}.");

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Truncate(e.GetRawText()),
        JsonValueKind.String => $"the string \"{Truncate(e.GetString()!)}\"",
        JsonValueKind.Null => "null",
        var k => $"an {k.ToString().ToLowerInvariant()}",
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
