using System.Globalization;
using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>The validation both readers share, so that JSON Lines and CSV reject the same inputs with the same
/// words: "file:line: field 'x': problem".</summary>
internal sealed class EventFieldRules
{
    public const string DefaultUser = "u1";
    private readonly Dictionary<string, double> _lastTime = new(StringComparer.Ordinal);

    public EventFieldRules(string source) => Source = source;

    public string Source { get; }

    public UserInputException Error(long line, string message) => new($"{Source}:{line}: {message}");

    public UserInputException FieldError(long line, string field, string problem) =>
        Error(line, $"field '{field}': {problem}");

    public static EventKind? ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "action" => EventKind.Action,
        "feedback" => EventKind.Feedback,
        "opportunity" => EventKind.Opportunity,
        _ => null,
    };

    public EventKind Kind(long line, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return EventKind.Action;
        return ParseKind(text) ?? throw FieldError(line, "kind",
            $"unknown kind '{text}'; allowed: action, feedback, opportunity (case-insensitive).");
    }

    /// <summary>Checks finiteness, sign and per-user order, then remembers the time.</summary>
    public double Time(long line, string user, double time)
    {
        if (!double.IsFinite(time))
            throw FieldError(line, "time", $"must be a finite number, got {Fmt(time)}.");
        if (time < 0)
            throw FieldError(line, "time", $"must be >= 0, got {Fmt(time)}.");
        if (_lastTime.TryGetValue(user, out double last) && time < last)
            throw FieldError(line, "time", $"{Fmt(time)} is earlier than the previous time {Fmt(last)} of user " +
                $"'{user}'; events must be sorted by time within each user.");
        _lastTime[user] = time;
        return time;
    }

    public double Value(long line, double value) =>
        double.IsFinite(value) ? value : throw FieldError(line, "value", $"must be a finite number, got {Fmt(value)}.");

    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
