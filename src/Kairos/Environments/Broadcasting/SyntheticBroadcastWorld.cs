using Kairos.Numerics;

namespace Kairos.Environments.Broadcasting;

/// <summary>
/// A seeded broadcaster's world (<see cref="SyntheticBroadcastOptions"/>): each source posts as a Hawkes process
/// whose immigrants follow μ_s(1 + a sin(2πt/24)) (drawn by thinning at rate μ_s(1 + a)) and whose posts each
/// trigger Poisson(branching) more after Exp(decay) delays (the cluster representation; Hawkes & Oakes 1974).
/// μ_s = median·e^{σZ}. The log's length is set so it holds about LogWindows × N posts; the expected count is
/// T·Σμ_s/(1 − branching).
/// </summary>
public static class SyntheticBroadcastWorld
{
    public const double Day = 24;

    public static BroadcastWorld Generate(Random rng, SyntheticBroadcastOptions? options = null, string name = "synthetic")
    {
        var o = options ?? SyntheticBroadcastOptions.Default;
        var rates = new double[o.Sources];
        for (int s = 0; s < rates.Length; s++) rates[s] = o.MedianRate * Math.Exp(o.RateSigma * Normal(rng));
        var follows = new int[o.Followers][];
        for (int j = 0; j < follows.Length; j++)
        {
            int k = 1 + rng.Next(Math.Min(o.MaxFollowees, o.Sources));
            follows[j] = Enumerable.Range(0, o.Sources).OrderBy(_ => rng.Next()).Take(k).OrderBy(s => s).ToArray();
        }
        double horizon = o.LogWindows * o.WindowPosts * (1 - o.Branching) / rates.Sum();
        while (true)
        {
            var posts = new List<(double Time, int Source)>();
            for (int s = 0; s < rates.Length; s++) AddSource(rng, o, rates[s], s, horizon, posts);
            posts.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Source.CompareTo(b.Source));
            if (posts.Count >= 3 * o.WindowPosts)
            {
                var activity = new double[o.Sources];
                foreach (var p in posts) activity[p.Source]++;
                var world = new BroadcastWorld(name, posts.Select(p => p.Time).ToArray(), posts.Select(p => p.Source).ToArray(),
                    follows, activity, "hours", o.WindowPosts);
                if (world.HasTrainingWindows) return world;
            }
            horizon *= 2;   // a quiet draw: a longer log (deterministic given the stream)
        }
    }

    private static void AddSource(Random rng, SyntheticBroadcastOptions o, double rate, int source, double horizon,
        List<(double, int)> posts)
    {
        var pending = new Stack<double>();
        double max = rate * (1 + o.DailyAmplitude);
        for (double t = ExponentialDraw.Next(rng) / max; t < horizon; t += ExponentialDraw.Next(rng) / max)
            if (rng.NextDouble() * (1 + o.DailyAmplitude) < 1 + o.DailyAmplitude * Math.Sin(2 * Math.PI * t / Day)) pending.Push(t);
        while (pending.Count > 0)
        {
            double t = pending.Pop();
            posts.Add((t, source));
            for (int c = Poisson(rng, o.Branching); c > 0; c--)
            {
                double child = t + ExponentialDraw.Next(rng) / o.BurstDecay;
                if (child < horizon) pending.Push(child);
            }
        }
    }

    private static int Poisson(Random rng, double mean)
    {
        int k = 0;
        for (double p = rng.NextDouble(), limit = Math.Exp(-mean); p > limit; p *= rng.NextDouble()) k++;
        return k;
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
