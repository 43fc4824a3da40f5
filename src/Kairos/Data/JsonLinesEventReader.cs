using System.Text.Json;
using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>Streams rows from JSON Lines, one object per line (blank lines are skipped, unknown fields are
/// ignored). An event: <c>{"user":"u1","time":1.5,"kind":"action","mark":3,"value":0.5,"id":"e17","context":[0.2,1]}</c>;
/// a window: <c>{"user":"u1","kind":"window","start":0,"end":500}</c>. Times, starts and ends are numbers or
/// ISO-8601 timestamp strings (see <see cref="TimeUnit"/>). Memory is constant in the number of rows
/// (one line at a time plus the last time of each user, for the order check). Every problem is a
/// <see cref="UserInputException"/> naming file, line and field.</summary>
public static class JsonLinesEventReader
{
    private static readonly string[] EventOnly = ["time", "mark", "value", "id", "context", "propensity"];
    private static readonly string[] WindowOnly = ["start", "end"];

    /// <summary>Reads <paramref name="reader"/>; <paramref name="source"/> names it in error messages.</summary>
    public static IEnumerable<EventFileRow> Read(TextReader reader, string source, TimeUnit timeUnit = TimeUnit.Seconds)
    {
        var rules = new EventFieldRules(source, timeUnit);
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return ParseLine(line, lineNumber, rules);
        }
    }

    private static EventFileRow ParseLine(string line, long lineNumber, EventFieldRules rules)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw JsonInputError.From(rules.Source, e, lineNumber);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw rules.Error(lineNumber, $"expected a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}.");
            string user = OptionalString(root, "user", lineNumber, rules) ?? EventFieldRules.DefaultUser;
            string? kindText = OptionalString(root, "kind", lineNumber, rules);
            return EventFieldRules.IsWindow(kindText)
                ? ParseWindow(root, user, lineNumber, rules)
                : ParseEvent(root, user, kindText, lineNumber, rules);
        }
    }

    private static WindowRecord ParseWindow(JsonElement root, string user, long line, EventFieldRules rules)
    {
        Refuse(root, EventOnly, line, rules, "a window row (kind window) has only user, start and end");
        double start = RequiredTime(root, "start", line, rules, "a window row needs start and end");
        double end = RequiredTime(root, "end", line, rules, "a window row needs start and end");
        return new WindowRecord(user, rules.Window(line, start, end), line);
    }

    private static EventRecord ParseEvent(JsonElement root, string user, string? kindText, long line, EventFieldRules rules)
    {
        var kind = rules.Kind(line, kindText);
        Refuse(root, WindowOnly, line, rules, "only window rows (kind window) take start and end");
        double time = rules.Time(line, user, RequiredTime(root, "time", line, rules, "every event needs a time"));
        int mark = 0;
        if (Present(root, "mark", out var markEl) && (markEl.ValueKind != JsonValueKind.Number || !markEl.TryGetInt32(out mark)))
            throw rules.FieldError(line, "mark", $"must be an integer, got {markEl.GetRawText()}.");
        double? value = Present(root, "value", out var valueEl) ? rules.Value(line, Number(valueEl, "value", line, rules)) : null;
        string? id = OptionalString(root, "id", line, rules) is { } text ? rules.Id(line, text) : null;
        double[]? context = Present(root, "context", out var contextEl) ? rules.Context(line, Vector(contextEl, line, rules)) : null;
        double? propensity = Present(root, "propensity", out var pEl) ? rules.Propensity(line, kind, Number(pEl, "propensity", line, rules)) : null;
        return new EventRecord(user, new Event(time, kind, mark, value, id, context), line, propensity);
    }

    private static bool Present(JsonElement root, string field, out JsonElement el) =>
        root.TryGetProperty(field, out el) && el.ValueKind != JsonValueKind.Null;

    private static void Refuse(JsonElement root, string[] fields, long line, EventFieldRules rules, string why)
    {
        foreach (var f in fields)
            if (Present(root, f, out _)) throw rules.FieldError(line, f, $"not allowed here: {why}.");
    }

    /// <summary>A time-axis field: a number, or a string with an ISO-8601 timestamp (or a spelling of a non-finite
    /// number, to be rejected clearly).</summary>
    private static double RequiredTime(JsonElement root, string field, long line, EventFieldRules rules, string why)
    {
        if (!Present(root, field, out var el)) throw rules.FieldError(line, field, $"missing; {why}.");
        if (el.ValueKind == JsonValueKind.String) return rules.TimeText(line, field, el.GetString()!);
        return Number(el, field, line, rules);
    }

    private static double[] Vector(JsonElement el, long line, EventFieldRules rules)
    {
        if (el.ValueKind != JsonValueKind.Array)
            throw rules.FieldError(line, "context", $"must be an array of numbers, e.g. [0.5,1], got {el.GetRawText()}.");
        var v = new double[el.GetArrayLength()];
        int i = 0;
        foreach (var x in el.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number)
                throw rules.FieldError(line, "context", $"element {i + 1} must be a number, got {x.GetRawText()}.");
            v[i++] = ParseNumber(x);
        }
        return v;
    }

    private static double Number(JsonElement el, string field, long line, EventFieldRules rules)
    {
        if (el.ValueKind == JsonValueKind.Number) return ParseNumber(el);
        // Non-finite values cannot be JSON numbers; accept their spellings as strings only to reject them clearly.
        if (el.ValueKind == JsonValueKind.String && EventFieldRules.TryParseDouble(el.GetString()!, out double s)
            && !double.IsFinite(s)) return s;
        throw rules.FieldError(line, field, $"must be a number, got {el.GetRawText()}.");
    }

    // TryGetDouble refuses numbers beyond ±1.8e308; parse them to ±∞ so the caller rejects them as non-finite.
    private static double ParseNumber(JsonElement el) =>
        el.TryGetDouble(out double v) ? v : double.Parse(el.GetRawText(), System.Globalization.CultureInfo.InvariantCulture);

    private static string? OptionalString(JsonElement root, string field, long line, EventFieldRules rules)
    {
        if (!Present(root, field, out var el)) return null;
        return el.ValueKind switch
        {
            JsonValueKind.String => el.GetString(),
            JsonValueKind.Number when field is "user" or "id" => el.GetRawText(),
            _ => throw rules.FieldError(line, field, $"must be a string, got {el.GetRawText()}."),
        };
    }
}
