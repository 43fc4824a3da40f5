using System.CommandLine;
using System.Globalization;
using Kairos.Data;
using Kairos.PointProcesses;

namespace Kairos.Cli;

/// <summary>Options and input handling shared by <c>kairos sample</c>, <c>fit</c> and <c>loglik</c>: the family and
/// its parameters, event files, horizons. Every check adds to one error list, so a run reports all problems at once.</summary>
internal static class PointProcessOptions
{
    public static string FamilyHelp =>
        "Model family: " + string.Join("; ", PointProcessFamilies.All.Select(f =>
            $"{f.Name} ({string.Join(", ", f.Parameters.Select(p => p.Default is { } d ? $"{p.Name}={d.ToString(CultureInfo.InvariantCulture)}" : p.Name))}): {f.Formula}")) + ".";

    public static Option<string> Family() => new("--family") { Description = FamilyHelp, Required = true };

    public static Option<string[]> Params() => new("--param")
    {
        Description = "A parameter as name=value (repeat for each), e.g. --param rate=2. Names per family are listed under --family.",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };

    public static Option<string> Events() => new("--events")
    {
        Description = "Event file: JSON Lines (.jsonl/.ndjson/.json) or CSV (.csv, header row) with columns user, time, " +
                      "kind, mark, value, id, context, and window rows (kind window, start, end) giving each user's observation " +
                      "window, users without events included. Events of the --kinds chosen count, whatever their mark.",
        Required = true,
    };

    public static Option<string?> Format() => new("--format")
    {
        Description = "Event-file format, overriding the extension: jsonl or csv.",
    };

    public static Option<string?> Kinds() => new("--kinds")
    {
        Description = "Event kinds that form the process, comma-separated: action, feedback, opportunity (default: every kind " +
                      "counts; a warning names the kinds when a file mixes them). Events of other kinds are ignored.",
    };

    public static Option<string?> TimeUnit() => new("--time-unit")
    {
        Description = "Unit of the file's time axis: seconds, minutes, hours or days (default seconds). ISO-8601 timestamps " +
                      "in the file (e.g. 2024-05-01T12:30:00Z; UTC without an offset) become this unit since 1970-01-01; numbers " +
                      "are taken to be in it already. Fitted rates are per this unit.",
    };

    public static Option<string?> User() => new("--user") { Description = "Only this user's events (default: all users, as independent histories sharing parameters)." };

    /// <summary>The parsed family, or null with an error added.</summary>
    public static PointProcessFamilySpec? FindFamily(string name, List<string> errors)
    {
        var spec = PointProcessFamilies.All.FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (spec is null) errors.Add(PointProcessFamilies.UnknownFamily(name));
        return spec;
    }

    /// <summary>The model built from --param assignments, or null with errors added.</summary>
    public static IPointProcessModel? Model(PointProcessFamilySpec? spec, string[] assignments, List<string> errors)
    {
        if (spec is null) return null;
        try { return PointProcessFamilies.Parse(spec.Name, assignments); }
        catch (UserInputException e) { errors.Add(e.Message); return null; }
    }

    public static EventFileFormat? ParseFormat(string? text, List<string> errors)
    {
        if (text is null) return null;
        try { return EventFiles.ParseFormat(text); }
        catch (UserInputException e) { errors.Add(e.Message); return null; }
    }

    public static void CheckHorizon(double? horizon, List<string> errors, bool required)
    {
        if (horizon is null) { if (required) errors.Add("--horizon is required: the end T of the observation window [0, T], in the file's time unit"); return; }
        if (!double.IsFinite(horizon.Value) || horizon.Value <= 0)
            errors.Add($"--horizon must be a finite number > 0 (the end of the window [0, T]), got {horizon.Value.ToString("R", CultureInfo.InvariantCulture)}");
    }

    public static void ThrowIfAny(List<string> errors)
    {
        if (errors.Count > 0) throw new UserInputException(string.Join("; ", errors));
    }

    /// <summary>The unit named by --time-unit (seconds when absent), or seconds with an error added.</summary>
    public static Kairos.Data.TimeUnit ParseTimeUnit(string? text, List<string> errors)
    {
        if (text is null) return Kairos.Data.TimeUnit.Seconds;
        if (TimeUnits.Parse(text) is { } unit) return unit;
        errors.Add($"--time-unit: unknown unit '{text}'; allowed: {string.Join(", ", TimeUnits.Names)}");
        return Kairos.Data.TimeUnit.Seconds;
    }

    /// <summary>The kinds named by --kinds (null: every kind), or null with an error added.</summary>
    public static IReadOnlyCollection<EventKind>? ParseKinds(string? text, List<string> errors)
    {
        if (text is null) return null;
        var kinds = new HashSet<EventKind>();
        foreach (var name in text.Split(','))
        {
            if (EventKindNames.Parse(name) is { } k) kinds.Add(k);
            else errors.Add($"--kinds: unknown kind '{name.Trim()}'{DidYouMean.Aside(name, EventKindNames.All)}; allowed: {string.Join(", ", EventKindNames.All)} (comma-separated)");
        }
        return kinds;
    }

    /// <summary>Reads the file into a data set of user logs (optionally one user), each on its window: the file's
    /// window rows, else [0, --horizon], else [0, last event]. An event outside its window is an error naming its
    /// line: the likelihood is undefined for such a file, and silently dropping events would hide a wrong --horizon.</summary>
    public static EventDataSet LoadDataSet(string path, EventFileFormat? format, string? user, double? horizon,
        Kairos.Data.TimeUnit timeUnit = Kairos.Data.TimeUnit.Seconds)
    {
        InputPaths.RequireFile("--events", path, "event file");
        var data = EventDataSetBuilder.Build(EventFiles.Read(path, format, timeUnit), path, horizon, user);
        if (user is not null && data.Count == 0)
            throw new UserInputException($"{path}: no events or window of user '{user}' (--user).");
        return data;
    }

    /// <summary>How the windows of <paramref name="data"/> were set, as the JSON field horizonSource spells it.</summary>
    public static string WindowSourceName(EventDataSet data) => data.WindowSource switch
    {
        WindowSource.PerUser => "file",
        WindowSource.Horizon => "option",
        _ => "last event",
    };

    /// <summary>The common window end when every user has the same window starting at 0, else null.</summary>
    public static double? CommonHorizon(EventDataSet data) =>
        data.Count > 0 && data.All(u => u.Window.Start == 0 && u.Window.End == data[0].Window.End) ? data[0].Window.End : null;

    /// <summary>"kinds action, feedback" or "every kind".</summary>
    public static string DescribeKinds(IReadOnlyCollection<EventKind>? kinds) =>
        kinds is null ? "every kind" : "kinds " + string.Join(", ", kinds.Order().Select(EventKindNames.Name));

    public static string Describe(IPointProcessModel model) =>
        $"{PointProcessFamilies.Get(model.Family).Name}(" +
        string.Join(", ", model.ParameterNames.Zip(model.ParameterValues, (n, v) => $"{n}={v.ToString("G6", CultureInfo.InvariantCulture)}")) + ")";

    public static Dictionary<string, double> Parameters(IPointProcessModel model) =>
        model.ParameterNames.Zip(model.ParameterValues).ToDictionary(p => p.First, p => p.Second);
}
