namespace Kairos.Data.AdLogs;

/// <summary>An ad-delivery log: users in file order (names distinct), the number m of ads (action marks 1..m),
/// the names of the feedback marks and of the ads, and the feedback mark that counts as a conversion.</summary>
public sealed class AdLogSet
{
    public AdLogSet(IReadOnlyList<AdUserLog> users, AdMarkNames names, string source = "")
    {
        Users = users ?? throw new ArgumentNullException(nameof(users));
        Names = names ?? throw new ArgumentNullException(nameof(names));
        Source = source;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in users)
        {
            if (!seen.Add(u.User)) throw new ArgumentException($"user '{u.User}' appears twice.", nameof(users));
            for (int k = 0; k < u.Decisions.Count; k++)
                if (u.DecisionMark(k) < 0 || u.DecisionMark(k) > names.AdCount)
                    throw new ArgumentException($"user '{u.User}': decision mark {u.DecisionMark(k)} outside [0, {names.AdCount}].", nameof(users));
        }
    }

    public IReadOnlyList<AdUserLog> Users { get; }
    public AdMarkNames Names { get; }
    /// <summary>Where the log came from (a path), for messages.</summary>
    public string Source { get; }
    public int AdCount => Names.AdCount;

    /// <summary>Whether every decision carries the logging policy's probability.</summary>
    public bool HasPropensities => Users.All(u => u.Propensities.All(p => p is not null));

    /// <summary>Refuses (<see cref="UserInputException"/>) a log without propensities for <paramref name="what"/>.</summary>
    public void RequirePropensities(string what)
    {
        if (HasPropensities) return;
        throw new UserInputException($"{(Source.Length > 0 ? Source + ": " : "")}{what} needs the logging policy's probability " +
            "of every logged decision (column 'propensity' on action rows), and this log has none (e.g. Criteo impressions " +
            "are logged without the policy that chose them); off-policy estimates from it would be guesses, so they are refused.");
    }
}
