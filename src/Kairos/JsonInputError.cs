using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kairos;

/// <summary>A malformed JSON input in the user's words: <c>file:line:column</c> (1-based, as editors count), what is
/// wrong, and the field's JSON path, without .NET's "LineNumber: 0 | BytePositionInLine" tail or type names.</summary>
public static partial class JsonInputError
{
    /// <summary>The error for <paramref name="source"/>; <paramref name="line"/> overrides the parser's line (a JSON
    /// Lines file parses one line at a time, so the parser always says line 0).</summary>
    public static UserInputException From(string source, JsonException e, long? line = null) =>
        new(Describe(source, e, line), e);

    public static string Describe(string source, JsonException e, long? line = null)
    {
        long? at = line ?? (e.LineNumber is { } l ? l + 1 : null);
        string where = at is null ? source : $"{source}:{at}" + (e.BytePositionInLine is { } c ? $":{c + 1}" : "");
        string path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" (field {e.Path})";
        return $"{where}: not valid JSON: {Reason(e.Message)}{path}.";
    }

    /// <summary>The parser's reason without its position tail; "could not be converted to System.Double" becomes
    /// "the value is not a number".</summary>
    public static string Reason(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        string text = (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.', '|', ' ');
        var converted = ConvertedTo().Match(text);
        if (converted.Success) return $"the value is not {Kind(converted.Groups[1].Value)}";
        return text.Length == 0 ? "malformed" : char.ToLowerInvariant(text[0]) + text[1..];
    }

    private static string Kind(string typeName) => typeName switch
    {
        _ when typeName.Contains("[]", StringComparison.Ordinal) || typeName.Contains("List", StringComparison.Ordinal)
            || typeName.Contains("IEnumerable", StringComparison.Ordinal) => "a list",
        _ when typeName.Contains("Dictionary", StringComparison.Ordinal) => "an object",
        _ when NumberType().IsMatch(typeName) => "a number",
        _ when typeName.Contains("String", StringComparison.Ordinal) => "a string",
        _ when typeName.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ => "of the expected kind",
    };

    [GeneratedRegex(@"could not be converted to (\S+)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"Double|Single|Decimal|U?Int(16|32|64)|Byte")]
    private static partial Regex NumberType();
}
