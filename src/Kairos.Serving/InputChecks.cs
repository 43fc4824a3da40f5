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
            throw new ServingInputException("id", $"the user id has {CountText.Of(user.Length, "character")}; at most {o.MaxIdLength} are allowed.");
    }

    public static void Id(string? id, string field, EngineOptions o)
    {
        if (id is null) throw new ServingInputException(field, "the id is missing.");
        if (id.Length == 0) throw new ServingInputException(field, "the id is empty.");
        if (id.Length > o.MaxIdLength)
            throw new ServingInputException(field, $"the id has {CountText.Of(id.Length, "character")}; at most {o.MaxIdLength} are allowed.");
    }

    public static void Time(double time, string field)
    {
        if (!double.IsFinite(time)) throw new ServingInputException(field, $"time {time} is not a finite number.");
        if (time < 0) throw new ServingInputException(field, $"time {time:R} is negative; times are ≥ 0 on the user's clock.");
    }

    public static void Vector(double[]? v, string field)
    {
        if (v is null) return;
        if (v.Length > MaxVectorLength) throw new ServingInputException(field, $"the vector has {CountText.Of(v.Length, "entry", "entries")}; at most {MaxVectorLength} are accepted.");
        for (int j = 0; j < v.Length; j++)
            if (!double.IsFinite(v[j])) throw new ServingInputException($"{field}[{j}]", $"entry {j} is {v[j]}, not a finite number.");
    }

    /// <summary>Checks event <paramref name="index"/> of a batch; its field name ("events[i]") is built only when a
    /// check fails, so a valid batch allocates nothing here.</summary>
    public static void Event(IncomingEvent e, int index, EngineOptions o)
    {
        if (e.Id is not null && (e.Id.Length == 0 || e.Id.Length > o.MaxIdLength)) Id(e.Id, Field(index, "id"), o);
        if (!double.IsFinite(e.Time) || e.Time < 0) Time(e.Time, Field(index, "time"));
        if (e.Mark < 0) throw new ServingInputException(Field(index, "mark"), $"mark {e.Mark} is negative.");
        if (e.Value is { } v && !double.IsFinite(v)) throw new ServingInputException(Field(index, "value"), $"value {v} is not a finite number.");
        if (!Valid(e.Feedback)) Vector(e.Feedback, Field(index, "feedback"));
        if (!Valid(e.Context)) Vector(e.Context, Field(index, "context"));
    }

    private static bool Valid(double[]? v)
    {
        if (v is null) return true;
        if (v.Length > MaxVectorLength) return false;
        foreach (double x in v)
            if (!double.IsFinite(x)) return false;
        return true;
    }

    /// <summary>"events[i].name".</summary>
    public static string Field(int index, string name) => $"events[{index}].{name}";

    public static void AgainstPolicy(IncomingEvent e, ServedPolicy served, int index)
    {
        if (e.Kind == EventKind.Action && e.Mark >= served.Context.MarkCount)
            throw new ServingInputException(Field(index, "mark"), $"action mark {e.Mark} is outside [0, {served.Context.MarkCount}) of policy '{served.Name}'.");
        if (e.Kind == EventKind.Feedback && served.FeedbackMarks is { } m && e.Mark >= m)
            throw new ServingInputException(Field(index, "mark"), $"feedback mark {e.Mark} is outside [0, {m}) of policy '{served.Name}'.");
        if (e.Feedback is { } z && z.Length != served.Context.FeedbackSize)
            throw new ServingInputException(Field(index, "feedback"),
                $"policy '{served.Name}' takes feedback vectors of {CountText.Of(served.Context.FeedbackSize, "entry", "entries")}; this one has {z.Length}.");
        if (e.Context is { } c && served.Context.ContextSize > 0 && c.Length != served.Context.ContextSize)
            Context(c, served, Field(index, "context"));
    }

    /// <summary>A policy with a context size takes vectors of exactly that length; others keep any context (≤ the
    /// cap) in the history without reading it.</summary>
    public static void Context(double[]? context, ServedPolicy served, string field)
    {
        if (context is { } c && served.Context.ContextSize > 0 && c.Length != served.Context.ContextSize)
            throw new ServingInputException(field,
                $"policy '{served.Name}' takes context vectors of {CountText.Of(served.Context.ContextSize, "entry", "entries")}; this one has {c.Length}.");
    }
}
