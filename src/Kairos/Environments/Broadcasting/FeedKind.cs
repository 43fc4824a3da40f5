namespace Kairos.Environments.Broadcasting;

/// <summary>How a follower's feed is sorted (TPPRL digest §4.2, seed appendix F).</summary>
public enum FeedKind
{
    /// <summary>Newest first: our rank is the number of posts newer than our latest post.</summary>
    Chronological,
    /// <summary>"In case you missed it": posts younger than the lifetime τ sit on top, sorted by source priority
    /// (less active sources higher, ours at the median; same priority: newer first); older posts below, newest first.</summary>
    Prioritized,
}

public static class FeedKinds
{
    public static readonly IReadOnlyList<string> Names = ["chronological", "prioritized"];

    public static string Name(this FeedKind kind) => kind == FeedKind.Chronological ? "chronological" : "prioritized";

    /// <summary>The feed named <paramref name="name"/>, or a <see cref="UserInputException"/> naming <paramref name="flag"/>.</summary>
    public static FeedKind Parse(string name, string flag = "--feed") => name switch
    {
        "chronological" => FeedKind.Chronological,
        "prioritized" => FeedKind.Prioritized,
        _ => throw new UserInputException($"{flag} '{name}': unknown feed.{DidYouMean.Hint(name, Names)} Valid: {string.Join(", ", Names)}"),
    };
}
