namespace Kairos.Serving;

/// <summary>Opens a store from its spec: <c>memory</c>, <c>sqlite:PATH</c> or <c>sqlite-full:PATH</c> (synchronous=FULL).</summary>
public static class UserStores
{
    public const string Default = "sqlite:kairos.db";

    public static IUserStateStore Open(string spec)
    {
        if (spec == "memory") return new InMemoryUserStateStore();
        foreach (var (prefix, full) in new[] { ("sqlite:", false), ("sqlite-full:", true) })
            if (spec.StartsWith(prefix, StringComparison.Ordinal) && spec.Length > prefix.Length)
                return new SqliteUserStateStore(spec[prefix.Length..], full);
        throw new UserInputException($"--store '{spec}' is not a store; use memory, sqlite:PATH or sqlite-full:PATH.");
    }
}
