using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>The names of event kinds in files and options: action, feedback, opportunity (case-insensitive).</summary>
public static class EventKindNames
{
    public static IReadOnlyList<string> All { get; } = ["action", "feedback", "opportunity"];

    public static EventKind? Parse(string name) => EventFieldRules.ParseKind(name);

    public static string Name(EventKind kind) => EventWriter.Kind(kind);
}
