namespace Kairos.Evaluation.Broadcasting;

/// <summary>A policy of the broadcasting evaluation: <c>poisson</c>, <c>redqueen</c>, <c>karimi</c>, or a TPPRL policy
/// (<c>tpprl</c>, <c>tpprl-wt0</c>: trained on the broadcaster's training windows; <c>tpprl:FILE</c>,
/// <c>tpprl-wt0:FILE</c>: read from a policy file).</summary>
public sealed record BroadcastingPolicySpec(string Name, string? File = null)
{
    public static readonly IReadOnlyList<string> Names = ["poisson", "redqueen", "karimi", "tpprl", "tpprl-wt0"];

    public bool Learned => Name.StartsWith("tpprl", StringComparison.Ordinal);
    public bool WtZero => Name == "tpprl-wt0";
    public string Text => File is null ? Name : $"{Name}:{File}";

    /// <summary>Parses a comma-separated list; problems name <paramref name="flag"/>.</summary>
    public static IReadOnlyList<BroadcastingPolicySpec> ParseList(string list, string flag = "--policies")
    {
        var specs = new List<BroadcastingPolicySpec>();
        var problems = new List<string>();
        foreach (var raw in list.Split(',', StringSplitOptions.TrimEntries))
        {
            int colon = raw.IndexOf(':');
            string name = colon < 0 ? raw : raw[..colon];
            string? file = colon < 0 ? null : raw[(colon + 1)..];
            if (!Names.Contains(name))
                problems.Add($"{flag} '{raw}': unknown policy.{DidYouMean.Hint(name, Names)} Valid: {string.Join(", ", Names)} (tpprl and tpprl-wt0 also as NAME:FILE)");
            else if (file is not null && !name.StartsWith("tpprl", StringComparison.Ordinal))
                problems.Add($"{flag} '{raw}': only tpprl and tpprl-wt0 take a policy file");
            else if (file is not null && !System.IO.File.Exists(file))
                problems.Add($"{flag} '{raw}': no such policy file '{file}'");
            else specs.Add(new BroadcastingPolicySpec(name, file));
        }
        if (specs.Count == 0 && problems.Count == 0) problems.Add($"{flag} is empty");
        foreach (var g in specs.GroupBy(s => s.Text).Where(g => g.Count() > 1)) problems.Add($"{flag} lists '{g.Key}' {CountText.Of(g.Count(), "time")}");
        UserInputException.ThrowIfAny(problems);
        return specs;
    }
}
