namespace Kairos;

/// <summary>Suggestions for mistyped names: candidates within edit distance 3 (Levenshtein, case-insensitive),
/// closest first, as BenchmarkDotNet's CorrectionsSuggester does.</summary>
public static class DidYouMean
{
    public const int MaxDistance = 3;

    public static IReadOnlyList<string> Suggest(string input, IEnumerable<string> candidates) =>
        candidates.Select(c => (Candidate: c, Distance: Distance(input.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Min(MaxDistance, Math.Max(1, x.Candidate.Length - 1))
                        || x.Candidate.StartsWith(input, StringComparison.OrdinalIgnoreCase) && input.Length > 0)
            .OrderBy(x => x.Distance).ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .Select(x => x.Candidate).ToList();

    /// <summary>" Did you mean 'x'?" or "" when nothing is close.</summary>
    public static string Hint(string input, IEnumerable<string> candidates)
    {
        var s = Suggest(input, candidates);
        return s.Count == 0 ? "" : $" Did you mean '{s[0]}'?";
    }

    /// <summary>" (did you mean 'x'?)" or "" when nothing is close: for the middle of a sentence.</summary>
    public static string Aside(string input, IEnumerable<string> candidates)
    {
        var s = Suggest(input.Trim(), candidates);
        return s.Count == 0 ? "" : $" (did you mean '{s[0]}'?)";
    }

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
