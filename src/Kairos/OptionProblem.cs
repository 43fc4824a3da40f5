using System.Globalization;

namespace Kairos;

/// <summary>One invalid setting of an options object: the setting (its C# member, e.g. "LearningRate") and what is
/// wrong with it, phrased to follow the setting's name ("must be finite and > 0, got -1"). A front end renders the
/// setting under its own name (the CLI's "--lr"), so options objects validate once and every front end names its own
/// flags.</summary>
public sealed record OptionProblem(string Option, string Message)
{
    /// <summary>"&lt;name&gt; &lt;message&gt;", with the setting renamed by <paramref name="name"/> (e.g. to its flag).</summary>
    public string Describe(Func<string, string>? name = null) => $"{name?.Invoke(Option) ?? Option} {Message}";

    public override string ToString() => Describe();

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem (a library guard: callers that take
    /// user input check <c>Problems()</c> first and report them as user errors).</summary>
    public static void ThrowIfAny(IReadOnlyList<OptionProblem> problems, string owner)
    {
        if (problems.Count > 0)
            throw new ArgumentException($"invalid {owner}: {string.Join("; ", problems.Select(p => p.Describe()))}", problems[0].Option);
    }

    internal static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Collects <see cref="OptionProblem"/>s with the range checks options objects share.</summary>
public sealed class OptionChecks
{
    private readonly List<OptionProblem> _problems = [];

    public IReadOnlyList<OptionProblem> Problems => _problems;

    public OptionChecks Add(string option, string message) { _problems.Add(new OptionProblem(option, message)); return this; }

    public OptionChecks AtLeast(int value, int min, string option) =>
        value >= min ? this : Add(option, $"must be >= {min}, got {value}");

    public OptionChecks AtMost(int value, int max, string option) =>
        value <= max ? this : Add(option, $"must be <= {max}, got {value}");

    public OptionChecks Positive(double value, string option) =>
        double.IsFinite(value) && value > 0 ? this : Add(option, $"must be a finite number > 0, got {OptionProblem.Fmt(value)}");

    public OptionChecks NonNegative(double value, string option) =>
        double.IsFinite(value) && value >= 0 ? this : Add(option, $"must be a finite number >= 0, got {OptionProblem.Fmt(value)}");

    public OptionChecks InRange(double value, double lo, double hi, string option) =>
        value >= lo && value <= hi ? this
            : Add(option, $"must lie in [{OptionProblem.Fmt(lo)}, {OptionProblem.Fmt(hi)}], got {OptionProblem.Fmt(value)}");

    /// <summary>-1 (all cores) or a positive thread count.</summary>
    public OptionChecks Threads(int value, string option) =>
        value == -1 || value >= 1 ? this : Add(option, $"must be -1 (all cores) or >= 1, got {value}");

    /// <summary>One of <paramref name="valid"/>, else a problem with a did-you-mean and the valid names.</summary>
    public OptionChecks OneOf(string value, IReadOnlyCollection<string> valid, string option, string what)
    {
        if (valid.Contains(value)) return this;
        return Add(option, $"'{value}' is not {what}.{DidYouMean.Hint(value, valid)} Valid: {string.Join(", ", valid)}");
    }
}
