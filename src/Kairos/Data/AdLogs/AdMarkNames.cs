using System.Text.Json;

namespace Kairos.Data.AdLogs;

/// <summary>
/// The names of a log's marks, as in the optional sidecar <c>marks.json</c> next to the log file:
/// <c>{"feedback":["visit","click","conversion"],"ads":["shoes","cars","travel"]}</c>. Feedback mark i is named
/// feedback[i]; ad k (action mark k, 1-based) is named ads[k − 1]. The feedback mark named "conversion" carries the
/// conversion value.
/// </summary>
public sealed record AdMarkNames(IReadOnlyList<string> Feedback, IReadOnlyList<string> Ads)
{
    public const string SidecarName = "marks.json";

    public int AdCount => Ads.Count;

    /// <summary>The feedback mark named "conversion" (case-insensitive).</summary>
    public int ConversionMark
    {
        get
        {
            for (int i = 0; i < Feedback.Count; i++)
                if (string.Equals(Feedback[i], "conversion", StringComparison.OrdinalIgnoreCase)) return i;
            return AdMarks.Conversion;
        }
    }

    /// <summary>Default names for m ads: ad1..adm, feedback visit, click, conversion.</summary>
    public static AdMarkNames Default(int adCount) =>
        new(AdMarks.DefaultFeedbackNames, Enumerable.Range(1, adCount).Select(k => $"ad{k}").ToArray());

    /// <summary>The sidecar path of a log file: marks.json in the same folder.</summary>
    public static string SidecarOf(string logPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(logPath)) ?? ".", SidecarName);

    /// <summary>Reads a sidecar; every problem is a <see cref="UserInputException"/> naming the file.</summary>
    public static AdMarkNames Read(string path)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw JsonInputError.From(path, e); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new UserInputException($"{path}: expected an object like {{\"feedback\":[\"visit\",\"click\",\"conversion\"],\"ads\":[\"a\",\"b\"]}}.");
            var feedback = Names(doc.RootElement, "feedback", path) ?? AdMarks.DefaultFeedbackNames;
            var ads = Names(doc.RootElement, "ads", path)
                ?? throw new UserInputException($"{path}: field 'ads' missing; list the ad names, ad k (action mark k) at position k.");
            if (ads.Count == 0) throw new UserInputException($"{path}: field 'ads' is empty; a log needs at least one ad.");
            if (!feedback.Any(f => string.Equals(f, "conversion", StringComparison.OrdinalIgnoreCase)))
                throw new UserInputException($"{path}: field 'feedback' names no 'conversion' mark; utility needs one.");
            return new AdMarkNames(feedback, ads);
        }
    }

    private static IReadOnlyList<string>? Names(JsonElement root, string field, string path)
    {
        if (!root.TryGetProperty(field, out var el) || el.ValueKind == JsonValueKind.Null) return null;
        if (el.ValueKind != JsonValueKind.Array || el.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String || x.GetString()!.Length == 0))
            throw new UserInputException($"{path}: field '{field}' must be an array of non-empty strings, got {el.GetRawText()}.");
        var names = el.EnumerateArray().Select(x => x.GetString()!).ToArray();
        var twice = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new UserInputException($"{path}: field '{field}' names '{twice.Key}' twice.");
        return names;
    }

    public void Write(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new { feedback = Feedback, ads = Ads }) + "\n");
}
