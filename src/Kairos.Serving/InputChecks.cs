using Kairos.PointProcesses;

namespace Kairos.Serving;

/// <summary>The engine's checks of one request's input, each failure naming its field. <see cref="Event"/> checks
/// what needs no policy; <see cref="AgainstPolicy"/> what depends on the policy served (marks, vector lengths).</summary>
internal static class InputChecks
{
    /// <summary>Longest feedback or context vector accepted when the policy does not fix the length.</summary>
    public const int MaxVectorLength = 1024;

    public static void User(string user, EngineOptions o)
    {
        if (string.IsNullOrEmpty(user)) throw new ServingInputException("id", "the user id is empty.");
        if (user.Length > o.MaxIdLength)
            throw new ServingInputException("id", $"the user id has {user.Length} characters; at most {o.MaxIdLength} are allowed.");
    }

    public static void Id(string? id, string field, EngineOptions o)
    {
        if (id is null) throw new ServingInputException(field, "the id is missing.");
        if (id.Length == 0) throw new ServingInputException(field, "the id is empty.");
        if (id.Length > o.MaxIdLength)
            throw new ServingInputException(field, $"the id has {id.Length} characters; at most {o.MaxIdLength} are allowed.");
    }

    public static void Time(double time, string field)
    {
        if (!double.IsFinite(time)) throw new ServingInputException(field, $"time {time} is not a finite number.");
        if (time < 0) throw new ServingInputException(field, $"time {time:R} is negative; times are ≥ 0 on the user's clock.");
    }

    public static void Vector(double[]? v, string field)
    {
        if (v is null) return;
        if (v.Length > MaxVectorLength) throw new ServingInputException(field, $"the vector has {v.Length} entries; at most {MaxVectorLength} are accepted.");
        for (int j = 0; j < v.Length; j++)
            if (!double.IsFinite(v[j])) throw new ServingInputException($"{field}[{j}]", $"entry {j} is {v[j]}, not a finite number.");
    }

    public static void Event(IncomingEvent e, string field, EngineOptions o)
    {
        if (e.Id is not null) Id(e.Id, field + ".id", o);
        Time(e.Time, field + ".time");
        if (e.Mark < 0) throw new ServingInputException(field + ".mark", $"mark {e.Mark} is negative.");
        if (e.Value is { } v && !double.IsFinite(v)) throw new ServingInputException(field + ".value", $"value {v} is not a finite number.");
        Vector(e.Feedback, field + ".feedback");
        Vector(e.Context, field + ".context");
    }

    public static void AgainstPolicy(IncomingEvent e, ServedPolicy served, string field)
    {
        if (e.Kind == EventKind.Action && e.Mark >= served.Context.MarkCount)
            throw new ServingInputException(field + ".mark", $"action mark {e.Mark} is outside [0, {served.Context.MarkCount}) of policy '{served.Name}'.");
        if (e.Kind == EventKind.Feedback && served.FeedbackMarks is { } m && e.Mark >= m)
            throw new ServingInputException(field + ".mark", $"feedback mark {e.Mark} is outside [0, {m}) of policy '{served.Name}'.");
        if (e.Feedback is { } z && z.Length != served.Context.FeedbackSize)
            throw new ServingInputException(field + ".feedback",
                $"policy '{served.Name}' takes feedback vectors of {served.Context.FeedbackSize} entries; this one has {z.Length}.");
        Context(e.Context, served, field + ".context");
    }

    /// <summary>A policy with a context size takes vectors of exactly that length; others keep any context (≤ the
    /// cap) in the history without reading it.</summary>
    public static void Context(double[]? context, ServedPolicy served, string field)
    {
        if (context is { } c && served.Context.ContextSize > 0 && c.Length != served.Context.ContextSize)
            throw new ServingInputException(field,
                $"policy '{served.Name}' takes context vectors of {served.Context.ContextSize} entries; this one has {c.Length}.");
    }
}
