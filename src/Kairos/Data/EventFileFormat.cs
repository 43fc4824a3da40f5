namespace Kairos.Data;

/// <summary>Event-log file formats. Columns/fields in both: <c>user</c> (optional, default "u1"), <c>time</c>
/// (required, finite, ≥ 0, sorted within each user), <c>kind</c> (optional: action | feedback | opportunity,
/// case-insensitive, default action), <c>mark</c> (optional integer, default 0), <c>value</c> (optional number).</summary>
public enum EventFileFormat
{
    /// <summary>JSON Lines: one object per line, e.g. <c>{"user":"u1","time":1.5,"kind":"action","mark":3}</c>
    /// (extensions .jsonl, .ndjson, .json).</summary>
    JsonLines,
    /// <summary>CSV with a header row, columns in any order, RFC 4180 quoting (extension .csv).</summary>
    Csv,
}
