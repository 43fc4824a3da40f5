using System.Globalization;
using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>The validation both readers share, so that JSON Lines and CSV reject the same inputs with the same
/// words: "file:line: field 'x': problem".</summary>
internal sealed class EventFieldRules
{
    public const string DefaultUser = "u1";
    /// <summary>The <c>kind</c> of a window row.</summary>
    public const string WindowKind = "window";
    private readonly Dictionary<string, double> _lastTime = new(StringComparer.Ordinal);

    public EventFieldRules(string source, TimeUnit timeUnit = TimeUnit.Seconds)
    {
        Source = source;
        TimeUnit = timeUnit;
    }

    public string Source { get; }
    public TimeUnit TimeUnit { get; }

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddK",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>A time-axis field (time, start, end) written as text: a number in <see cref="TimeUnit"/>, or an
    /// ISO-8601 timestamp (UTC when it has no offset) converted to that unit since the Unix epoch.</summary>
    public double TimeText(long line, string field, string text)
    {
        if (TryParseDouble(text, out double v)) return v;
        if (!DateTimeOffset.TryParseExact(text.Trim(), IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
            throw FieldError(line, field, $"must be a number or an ISO-8601 timestamp (e.g. 2024-05-01T12:30:00Z), got '{text}'.");
        long ticks = when.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        // Whole seconds and the sub-second remainder apart: ticks since 1970 exceed 2^53.
        double seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest) + rest / (double)TimeSpan.TicksPerSecond;
        return seconds / TimeUnit.Seconds();
    }

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

    public static bool IsWindow(string? kind) =>
        kind is not null && string.Equals(kind.Trim(), WindowKind, StringComparison.OrdinalIgnoreCase);

    public EventKind Kind(long line, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return EventKind.Action;
        return ParseKind(text) ?? throw FieldError(line, "kind",
            $"unknown kind '{text}'{DidYouMean.Aside(text, ["action", "feedback", "opportunity", WindowKind])}; allowed: action, feedback, opportunity, window (case-insensitive).");
    }

    /// <summary>Checks finiteness, sign and per-user order, then remembers the time.</summary>
    public double Time(long line, string user, double time)
    {
        NonNegative(line, "time", time);
        if (_lastTime.TryGetValue(user, out double last) && time < last)
            throw FieldError(line, "time", $"{Fmt(time)} is earlier than the previous time {Fmt(last)} of user " +
                $"'{user}'; events must be sorted by time within each user.");
        _lastTime[user] = time;
        return time;
    }

    /// <summary>A window row's [start, end]: both finite and ≥ 0, end &gt; start.</summary>
    public ObservationWindow Window(long line, double start, double end)
    {
        NonNegative(line, "start", start);
        NonNegative(line, "end", end);
        if (!(end > start))
            throw FieldError(line, "end", $"must be > start {Fmt(start)}, got {Fmt(end)}; a window needs a positive length.");
        return new ObservationWindow(start, end);
    }

    public double Value(long line, double value) =>
        double.IsFinite(value) ? value : throw FieldError(line, "value", $"must be a finite number, got {Fmt(value)}.");

    /// <summary>A logged decision's propensity: only on action rows, in (0, 1].</summary>
    public double Propensity(long line, EventKind kind, double p)
    {
        if (kind != EventKind.Action)
            throw FieldError(line, "propensity", $"not allowed on a {EventWriter.Kind(kind)} row; only action rows carry the logging policy's probability.");
        if (!(p > 0 && p <= 1))
            throw FieldError(line, "propensity", $"must lie in (0, 1] (the logging policy's probability of the logged decision), got {Fmt(p)}.");
        return p;
    }

    public string Id(long line, string id) =>
        id.Length > 0 ? id : throw FieldError(line, "id", "must not be empty; leave the field out when there is no id.");

    /// <summary>Each element finite; an empty vector is no context (null), so that CSV and JSON Lines agree.</summary>
    public double[]? Context(long line, double[] context)
    {
        for (int i = 0; i < context.Length; i++)
            if (!double.IsFinite(context[i]))
                throw FieldError(line, "context", $"element {i + 1} must be a finite number, got {Fmt(context[i])}.");
        return context.Length == 0 ? null : context;
    }

    private void NonNegative(long line, string field, double v)
    {
        if (!double.IsFinite(v)) throw FieldError(line, field, $"must be a finite number, got {Fmt(v)}.");
        if (v < 0) throw FieldError(line, field, $"must be >= 0, got {Fmt(v)}.");
    }

    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
