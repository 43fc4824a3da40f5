using System.Text.Json;
using Kairos.Environments.Broadcasting;
using Kairos.Numerics;

namespace Kairos.Evaluation.Broadcasting;

/// <summary>
/// The paper's experiment on seeded broadcasters: user u's world is <see cref="SyntheticBroadcastWorld"/> on stream
/// (seed, u), evaluated by <see cref="BroadcasterEvaluation"/> with seed Derive(seed, u) and one thread, so users run
/// in parallel and every user's result is the same at any thread count. With a folder, each finished user is appended
/// to results.jsonl and skipped when the run is resumed (settings.json guards against mixing settings).
/// </summary>
public static class BroadcastingExperiment
{
    public static IReadOnlyList<BroadcasterResult> Run(int users, IReadOnlyList<BroadcastingPolicySpec> specs, BroadcastingSettings s,
        string? folder, IProgressSink? progress = null, string? policyFolder = null)
    {
        var results = new BroadcasterResult?[users];
        string? log = null;
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            log = Path.Combine(folder, "results.jsonl");
            CheckSettings(Path.Combine(folder, "settings.json"), specs, s);
            if (File.Exists(log))
                foreach (var line in File.ReadLines(log).Where(l => l.Length > 0))
                {
                    var r = JsonSerializer.Deserialize<BroadcasterResult>(line)!;
                    int u = int.Parse(r.User["user-".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    if (u < users) results[u] = r;
                }
        }
        int done = results.Count(r => r is not null);
        progress?.Report(done, done > 0 ? $"resumed {CountText.Of(done, "user")}" : null);
        var gate = new object();
        Parallel.For(0, users, new ParallelOptions { MaxDegreeOfParallelism = s.Threads }, u =>
        {
            if (results[u] is not null) return;
            var world = SyntheticBroadcastWorld.Generate(SeedSequence.Stream(s.Seed, u), name: $"user-{u:D3}");
            var r = BroadcasterEvaluation.Run(world, $"user-{u:D3}", specs, s with { Seed = SeedSequence.Derive(s.Seed, u), Threads = 1 },
                saveTrainedTo: policyFolder);
            lock (gate)
            {
                results[u] = r;
                if (log is not null) File.AppendAllText(log, JsonSerializer.Serialize(r) + "\n");
                progress?.Report(++done, r.User);
            }
        });
        return results.Select(r => r!).ToList();
    }

    /// <summary>Per policy and ratio metric: mean, median and quartiles across users.</summary>
    public static IReadOnlyList<RatioSummary> Summarize(IReadOnlyList<BroadcasterResult> results)
    {
        var list = new List<RatioSummary>();
        foreach (var policy in results[0].Policies.Select(p => p.Policy))
            foreach (var metric in results[0].Policies[0].Ratios.Keys)
            {
                var x = results.Select(r => r.Policies.First(p => p.Policy == policy).Ratios[metric]).Order().ToArray();
                list.Add(new RatioSummary(policy, metric, x.Average(), Quantiles.Linear(x, 0.5), Quantiles.Linear(x, 0.25),
                    Quantiles.Linear(x, 0.75), x, results.Average(r => r.Policies.First(p => p.Policy == policy).Posts)));
            }
        return list;
    }

    /// <summary>Per policy other than <paramref name="against"/> (and Poisson) and ratio metric: the per-user paired
    /// difference policy − against (mean, SE across users) and how many users the policy does better on (lower rank
    /// ratios, higher time at the top). Empty when <paramref name="against"/> was not run.</summary>
    public static IReadOnlyList<PairedRatio> Compare(IReadOnlyList<BroadcasterResult> results, string against)
    {
        var names = results[0].Policies.Select(p => p.Policy).ToList();
        if (!names.Contains(against)) return [];
        double[] Ratios(string policy, string metric) => results.Select(r => r.Policies.First(p => p.Policy == policy).Ratios[metric]).ToArray();
        var list = new List<PairedRatio>();
        foreach (var policy in names.Where(n => n != against && n != "poisson"))
            foreach (var metric in results[0].Policies[0].Ratios.Keys)
            {
                double[] a = Ratios(policy, metric), b = Ratios(against, metric);
                bool higherBetter = metric.StartsWith(BroadcastingMetrics.TimeAtTop, StringComparison.Ordinal);
                int better = a.Zip(b).Count(x => higherBetter ? x.First > x.Second : x.First < x.Second);
                list.Add(new PairedRatio(policy, against, metric, MeanWithError.Paired(a, b), better));
            }
        return list;
    }

    private static void CheckSettings(string path, IReadOnlyList<BroadcastingPolicySpec> specs, BroadcastingSettings s)
    {
        string text = JsonSerializer.Serialize(new { policies = specs.Select(p => p.Text), settings = s with { Threads = 0 } },
            new JsonSerializerOptions { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
        if (!File.Exists(path)) { File.WriteAllText(path, text); return; }
        if (File.ReadAllText(path) != text)
            throw new UserInputException($"{path}: this folder holds a run with other settings; resume it with the same --runs, --feed, --policies, --iterations, --q, --reward, --budget, --lr, --hidden, --baseline and --seed, or give another --out.");
    }
}

/// <summary>A policy's ratio metric across users (values sorted).</summary>
public sealed record RatioSummary(string Policy, string Metric, double Mean, double Median, double Q1, double Q3,
    double[] Values, double MeanPosts)
{
    /// <summary>Mean and standard error across users.</summary>
    public MeanWithError Spread => MeanWithError.Of(Values);
}

/// <summary>Per-user paired difference of a ratio metric, <see cref="Policy"/> − <see cref="Against"/>, and the users
/// on which <see cref="Policy"/> does better.</summary>
public sealed record PairedRatio(string Policy, string Against, string Metric, MeanWithError Difference, int UsersBetter);
