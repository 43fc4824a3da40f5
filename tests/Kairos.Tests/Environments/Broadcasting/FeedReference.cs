using Kairos.Environments.Broadcasting;

namespace Kairos.Tests.Environments.Broadcasting;

/// <summary>Test oracle: a follower's feed built and sorted explicitly at a time t (appendix F), independently of the
/// episode's incremental counters. Times are relative to the window start; ties in time: the exogenous post came first.</summary>
internal sealed class FeedReference(BroadcastWorld world, double start, FeedKind feed, double lifetime)
{
    private readonly record struct Item(double Priority, double Time, int Order, bool Ours);

    /// <summary>Our rank on follower j's feed at t, given our post times (sorted) up to t.</summary>
    public int Rank(int follower, double t, IReadOnlyList<double> ownPosts)
    {
        var sources = world.FollowerSources[follower];
        var order = sources.OrderByDescending(s => world.SourceActivity[s]).ThenBy(s => s).ToList();
        double ours = (order.Count + 1) / 2.0;
        var items = new List<Item>();
        int n = 0;
        for (int i = 0; i < world.PostTimes.Length; i++)
        {
            double rel = world.PostTimes[i] - start;
            if (rel <= 0 || rel > t) continue;
            int s = world.PostSources[i];
            if (sources.Contains(s)) items.Add(new Item(order.IndexOf(s) + 1, rel, 2 * n++, false));
        }
        foreach (double a in ownPosts.Where(a => a <= t))
        {
            // Our post at a comes after every exogenous post at a.
            int after = items.Count(x => !x.Ours && x.Time <= a);
            items.Add(new Item(ours, a, 2 * after + 1, true));
        }
        if (!items.Any(x => x.Ours)) return items.Count;
        IEnumerable<Item> sorted = feed == FeedKind.Chronological
            ? items.OrderByDescending(x => x.Time).ThenByDescending(x => x.Order)
            : items.OrderByDescending(x => t - x.Time < lifetime)
                .ThenByDescending(x => t - x.Time < lifetime ? x.Priority : 0)
                .ThenByDescending(x => x.Time).ThenByDescending(x => x.Order);
        return sorted.TakeWhile(x => !x.Ours).Count();
    }
}
