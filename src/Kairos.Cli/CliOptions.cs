using System.CommandLine;
using System.Globalization;

namespace Kairos.Cli;

/// <summary>Options shared by many verbs, spelled the same everywhere.</summary>
public static class CliOptions
{
    public static Option<int> Seed(int defaultValue = 1) => new("--seed")
    {
        Description = $"Random seed; the same seed gives the same result at any thread count (default {defaultValue}).",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>`--threads`: -1 means all cores; 0 and other negatives are refused at parse time, naming the flag.</summary>
    public static Option<int> Threads(string description = "Worker threads, -1 = all cores (default); results do not depend on it.")
    {
        var o = new Option<int>("--threads") { Description = description, DefaultValueFactory = _ => -1 };
        o.Validators.Add(r =>
        {
            // A token the number parser refuses already has its error; only a well-formed integer is checked here.
            if (r.Tokens.Count != 1 || !int.TryParse(r.Tokens[0].Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)) return;
            if (value == 0 || value < -1) r.AddError($"--threads must be -1 (all cores) or >= 1, got {value}.");
        });
        return o;
    }

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON document on stdout (and nothing else); progress bars are off.",
    };

    public static Option<string> Out(string description, string? defaultValue = null)
    {
        var o = new Option<string>("--out") { Description = description };
        if (defaultValue is not null) o.DefaultValueFactory = _ => defaultValue;
        return o;
    }

    /// <summary>Options-object problems under the flags that set them (a member without a flag keeps its name).</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<OptionProblem> problems, IReadOnlyDictionary<string, string> flags) =>
        problems.Select(p => p.Describe(o => flags.TryGetValue(o, out var f) ? f : o)).ToList();

    /// <summary>An option naming a member of <typeparamref name="T"/> in kebab case (e.g. grid, exact); an unknown name is
    /// an error naming the flag, with a did-you-mean and the allowed names (never the C# type).</summary>
    public static Option<T> Choice<T>(string name, string description, T defaultValue) where T : struct, Enum
    {
        var names = Enum.GetValues<T>().ToDictionary(v => Kebab(v.ToString()), v => v);
        // Help shows the accepted spellings, not the enum's C# names: "<grid|exact>", and no "[default: Grid]" (the
        // description says the default); an absent option is default(T), so the default must be the enum's first value.
        if (!EqualityComparer<T>.Default.Equals(defaultValue, default))
            throw new ArgumentException($"{name}: the default {defaultValue} must be the first value of {typeof(T).Name}.", nameof(defaultValue));
        return new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join("|", names.Keys),
            CustomParser = r =>
            {
                string text = r.Tokens.Count == 0 ? "" : r.Tokens[0].Value;
                if (names.TryGetValue(text.ToLowerInvariant(), out var value)) return value;
                r.AddError($"{name} '{text}' is not allowed.{DidYouMean.Hint(text, names.Keys)} Allowed: {string.Join(", ", names.Keys)}");
                return defaultValue;
            },
        };
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
