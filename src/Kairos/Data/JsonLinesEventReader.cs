using System.Text.Json;
using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>Streams events from JSON Lines, one object per line (blank lines are skipped, unknown fields are
/// ignored): <c>{"user":"u1","time":1.5,"kind":"action","mark":3,"value":0.5}</c>. Memory is constant in the
/// number of events (one line at a time plus the last time of each user, for the order check). Every problem is a
/// <see cref="UserInputException"/> naming file, line and field.</summary>
public static class JsonLinesEventReader
{
    /// <summary>Reads <paramref name="reader"/>; <paramref name="source"/> names it in error messages.</summary>
    public static IEnumerable<EventRecord> Read(TextReader reader, string source)
    {
        var rules = new EventFieldRules(source);
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return ParseLine(line, lineNumber, rules);
        }
    }

    private static EventRecord ParseLine(string line, long lineNumber, EventFieldRules rules)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw rules.Error(lineNumber, $"malformed JSON ({e.Message.Split(" LineNumber")[0].Trim()}).");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw rules.Error(lineNumber, $"expected a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}.");
            string user = OptionalString(root, "user", lineNumber, rules) ?? EventFieldRules.DefaultUser;
            if (!root.TryGetProperty("time", out var timeEl) || timeEl.ValueKind == JsonValueKind.Null)
                throw rules.FieldError(lineNumber, "time", "missing; every event needs a time.");
            double time = rules.Time(lineNumber, user, Number(timeEl, "time", lineNumber, rules));
            var kind = rules.Kind(lineNumber, OptionalString(root, "kind", lineNumber, rules));
            int mark = 0;
            if (root.TryGetProperty("mark", out var markEl) && markEl.ValueKind != JsonValueKind.Null)
            {
                if (markEl.ValueKind != JsonValueKind.Number || !markEl.TryGetInt32(out mark))
                    throw rules.FieldError(lineNumber, "mark", $"must be an integer, got {markEl.GetRawText()}.");
            }
            double? value = null;
            if (root.TryGetProperty("value", out var valueEl) && valueEl.ValueKind != JsonValueKind.Null)
                value = rules.Value(lineNumber, Number(valueEl, "value", lineNumber, rules));
            return new EventRecord(user, new Event(time, kind, mark, value), lineNumber);
        }
    }

    private static double Number(JsonElement el, string field, long line, EventFieldRules rules)
    {
        if (el.ValueKind == JsonValueKind.Number)
            // TryGetDouble refuses numbers beyond ±1.8e308; parse them to ±∞ so the caller rejects them as non-finite.
            return el.TryGetDouble(out double v) ? v : double.Parse(el.GetRawText(), System.Globalization.CultureInfo.InvariantCulture);
        // Non-finite values cannot be JSON numbers; accept their spellings as strings only to reject them clearly.
        if (el.ValueKind == JsonValueKind.String && EventFieldRules.TryParseDouble(el.GetString()!, out double s)
            && !double.IsFinite(s)) return s;
        throw rules.FieldError(line, field, $"must be a number, got {el.GetRawText()}.");
    }

    private static string? OptionalString(JsonElement root, string field, long line, EventFieldRules rules)
    {
        if (!root.TryGetProperty(field, out var el) || el.ValueKind == JsonValueKind.Null) return null;
        return el.ValueKind switch
        {
            JsonValueKind.String => el.GetString(),
            JsonValueKind.Number when field == "user" => el.GetRawText(),
            _ => throw rules.FieldError(line, field, $"must be a string, got {el.GetRawText()}."),
        };
    }
}
