using System.Globalization;

namespace Kairos.Environments.Broadcasting;

/// <summary>
/// A broadcaster's world from logs: <c>posts.csv</c> with a header naming <c>source</c> and <c>time</c> (a number in
/// the log's unit) and <c>follows.csv</c> with <c>follower</c> and <c>followee</c> (ids as text, no commas or quotes).
/// The broadcaster's followers are the rows whose followee is the broadcaster; the sources are the other followees of
/// those followers; their posts are replayed as they are, and the broadcaster's own posts are dropped (the policy
/// decides them). A source's activity is its number of posts in the log. Errors name file:line.
/// </summary>
public static class BroadcastLogReader
{
    public static BroadcastWorld Read(string postsPath, string followsPath, string broadcaster,
        int windowPosts = BroadcastWorld.DefaultWindowPosts)
    {
        if (string.IsNullOrWhiteSpace(broadcaster)) throw new UserInputException("--broadcaster: give the id of the broadcaster to control.");
        var follows = Rows(followsPath, "follower", "followee");
        var followers = follows.Where(r => r.B == broadcaster).Select(r => r.A).Distinct(StringComparer.Ordinal).ToList();
        if (followers.Count == 0)
            throw new UserInputException($"--broadcaster {broadcaster}: no row of {followsPath} has followee '{broadcaster}', so nobody would see its posts.");
        var followerIndex = followers.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        var sourceIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var followed = followers.Select(_ => new SortedSet<int>()).ToArray();
        foreach (var (follower, followee, _) in follows)
        {
            if (followee == broadcaster || !followerIndex.TryGetValue(follower, out int j)) continue;
            if (!sourceIndex.TryGetValue(followee, out int s)) sourceIndex[followee] = s = sourceIndex.Count;
            followed[j].Add(s);
        }
        var posts = new List<(double Time, int Source)>();
        foreach (var (source, time, line) in Rows(postsPath, "source", "time"))
        {
            if (!double.TryParse(time, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) || !double.IsFinite(t))
                throw new UserInputException($"{postsPath}:{line}: time '{time}' is not a finite number.");
            if (source != broadcaster && sourceIndex.TryGetValue(source, out int s)) posts.Add((t, s));
        }
        posts.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Source.CompareTo(b.Source));
        if (posts.Count < windowPosts + 1)
            throw new UserInputException($"{postsPath}: the followers of '{broadcaster}' see {CountText.Of(posts.Count, "post")} of others; " +
                $"a test window needs {windowPosts + 1} (the last {windowPosts} and the one before them).");
        var activity = new double[sourceIndex.Count];
        foreach (var p in posts) activity[p.Source]++;
        return new BroadcastWorld(broadcaster, posts.Select(p => p.Time).ToArray(), posts.Select(p => p.Source).ToArray(),
            followed.Select(f => f.ToArray()).ToArray(), activity, "units", windowPosts);
    }

    /// <summary>The two named columns of every data row, with its line number.</summary>
    private static List<(string A, string B, int Line)> Rows(string path, string first, string second)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read ({e.Message})");
        }
        var rows = new List<(string, string, int)>();
        int a = -1, b = -1, width = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var f = lines[i].Split(',').Select(x => x.Trim()).ToArray();
            if (a < 0)
            {
                a = Array.FindIndex(f, x => x.Equals(first, StringComparison.OrdinalIgnoreCase));
                b = Array.FindIndex(f, x => x.Equals(second, StringComparison.OrdinalIgnoreCase));
                if (a < 0 || b < 0)
                    throw new UserInputException($"{path}:{i + 1}: the header must name the columns '{first}' and '{second}', got '{lines[i].Trim()}'.");
                width = f.Length;
                continue;
            }
            if (f.Length != width) throw new UserInputException($"{path}:{i + 1}: expected {CountText.Of(width, "field")} as in the header, got {f.Length}.");
            if (f[a].Length == 0 || f[b].Length == 0) throw new UserInputException($"{path}:{i + 1}: empty '{(f[a].Length == 0 ? first : second)}'.");
            rows.Add((f[a], f[b], i + 1));
        }
        if (a < 0) throw new UserInputException($"{path}: empty file; expected a header naming '{first}' and '{second}'.");
        return rows;
    }
}
