using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kairos.Cli.Commands;

/// <summary>`kairos loadgen`: an open-loop, fixed-rate load generator for `kairos serve`. Request i is due at
/// start + i / rate whether or not earlier ones have finished, and its latency is measured from that due time (no
/// coordinated omission). Reports client-side percentiles and, from the server's /metrics histogram, the
/// server-side handler latency bucket of the same requests. Like a real client, it sends each user's requests one after
/// another, each stamped at its send time and never earlier than the user's previous one: a request of a user with one
/// still in flight waits for it (the wait counts in its latency), so no request is overtaken by a later one of its
/// user and answered 409. Answers other than 200 are counted by status and problem title in <c>rejections</c>.</summary>
public static class LoadgenCommand
{
    public static Command Create(CliIO io)
    {
        var url = new Option<string>("--url") { Description = "Base URL of the server (default http://127.0.0.1:5080).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var users = new Option<int>("--users") { Description = "Distinct user ids (default 100000).", DefaultValueFactory = _ => 100_000 };
        var rate = new Option<double>("--rate") { Description = "Requests per second (default 1000).", DefaultValueFactory = _ => 1000 };
        var duration = new Option<double>("--duration") { Description = "Seconds (default 10).", DefaultValueFactory = _ => 10 };
        var mix = new Option<string>("--mix") { Description = "Request mix (default ingest:0.7,decide:0.3).", DefaultValueFactory = _ => "ingest:0.7,decide:0.3" };
        var batch = new Option<int>("--batch") { Description = "Events per ingest request (default 1).", DefaultValueFactory = _ => 1 };
        var connections = new Option<int>("--connections") { Description = "Most connections to the server at once (default 256).", DefaultValueFactory = _ => 256 };
        var seed = CliOptions.Seed();
        var cmd = new Command("loadgen", "Open-loop fixed-rate load against `kairos serve`; prints JSON with client-side latency " +
            "percentiles and the server's handler-latency buckets.\nExample:\n  kairos loadgen --url http://127.0.0.1:5080 --users 100000 --rate 2000 --duration 10")
        { url, users, rate, duration, mix, batch, connections, seed };
        cmd.SetAction((pr, ct) => Run(io, pr.GetValue(url)!, pr.GetValue(users), pr.GetValue(rate), pr.GetValue(duration),
            ParseMix(pr.GetValue(mix)!), pr.GetValue(batch), pr.GetValue(connections), pr.GetValue(seed), ct));
        return cmd;
    }

    internal static double ParseMix(string text)
    {
        double ingest = 0, decide = 0;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var kv = part.Split(':');
            if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double w) || w < 0)
                throw new UserInputException($"--mix '{text}': expected ingest:W,decide:W with weights ≥ 0.");
            if (kv[0] == "ingest") ingest = w; else if (kv[0] == "decide") decide = w;
            else throw new UserInputException($"--mix: unknown request kind '{kv[0]}'; use ingest and decide.");
        }
        return ingest + decide > 0 ? ingest / (ingest + decide) : throw new UserInputException("--mix: the weights sum to 0.");
    }

    /// <summary>Most requests of one run (12 bytes of latency and status each) and events per request.</summary>
    private const double MaxRequests = 1e8;
    private const int MaxBatch = 100_000;

    private static async Task<int> Run(CliIO io, string url, int users, double rate, double duration, double ingestShare, int batch, int connections, int seed, CancellationToken ct)
    {
        if (users < 1 || rate <= 0 || duration <= 0 || batch < 1 || connections < 1)
            throw new UserInputException("--users, --rate, --duration, --batch and --connections must be > 0.");
        var problems = new List<string>();
        if (duration > WorkEstimate.MaxSeconds) problems.Add($"--duration {duration} s is more than the limit of {WorkEstimate.Duration(WorkEstimate.MaxSeconds)}");
        if (rate * duration > MaxRequests)
            problems.Add($"--rate {rate} × --duration {duration} is {rate * duration:0.#e0} requests; their latencies need {rate * duration * 12 / 1e9:0.#} GB, more than the limit of {MaxRequests:0e0} requests");
        if (batch > MaxBatch) problems.Add($"--batch {batch} is more than {MaxBatch} events per request (the server's --max-batch defaults to 1000)");
        UserInputException.ThrowIfAny(problems);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        string before = await Metrics(client);
        var costBefore = await LoadgenCost.Take(client);
        long total = (long)(rate * duration);
        var latencies = new double[total];
        var statuses = new int[total];
        var rng = new Random(seed);
        var tasks = new List<Task>((int)Math.Min(total, 1 << 20));
        var previous = new Dictionary<int, Task<double>>();   // each user's latest request, which returns its time
        var rejections = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < total; i++)
        {
            double due = i / rate;
            double wait = due - clock.Elapsed.TotalSeconds;
            if (wait > 0.001) await Task.Delay(TimeSpan.FromSeconds(wait), ct);
            int user = rng.Next(users);
            bool ingest = rng.NextDouble() < ingestShare;
            long index = i;
            var sent = Send(client, $"user{user}", previous.GetValueOrDefault(user), ingest, index, due, batch, clock, latencies, statuses, rejections);
            previous[user] = sent;
            tasks.Add(sent);
        }
        await Task.WhenAll(tasks);
        double elapsed = clock.Elapsed.TotalSeconds;
        var costAfter = await LoadgenCost.Take(client);
        string after = await Metrics(client);
        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))] * 1000;
        io.WriteJson(new
        {
            format = "kairos.loadgen", version = 1, url, users, rate, duration, ingestShare, batch, connections, requests = total,
            achievedRate = total / elapsed,
            statuses = statuses.GroupBy(s => s).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count()),
            rejections = rejections.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value),
            clientMs = new { p50 = P(0.5), p90 = P(0.9), p99 = P(0.99), p999 = P(0.999), max = sorted[^1] * 1000 },
            serverMs = ServerQuantiles(ParseBuckets(before), ParseBuckets(after)),
            storeCommitWaitMs = ServerQuantiles(ParseHistogram("kairos_store_commit_wait_seconds", before), ParseHistogram("kairos_store_commit_wait_seconds", after)),
            serverParts = LoadgenServerParts.Quantiles(before, after),
            requestPartsUs = LoadgenServerParts.Parts(before, after),
            gc = LoadgenServerParts.Gc(before, after),
            storeIdLookups = LoadgenServerParts.IdLookups(before, after),
            cpu = LoadgenCost.Report(costBefore, costAfter, total),
        });
        return KairosCli.Ok;
    }

    private static readonly string RunId = "r" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Sends request <paramref name="i"/> once the user's previous request (if any) is answered; returns the
    /// event time it sent.</summary>
    private static async Task<double> Send(HttpClient client, string user, Task<double>? previous, bool ingest, long i, double due, int batch,
        Stopwatch clock, double[] latencies, int[] statuses, System.Collections.Concurrent.ConcurrentDictionary<string, int> rejections)
    {
        double earliest = previous is null ? double.NegativeInfinity : await previous.ConfigureAwait(false);
        await Task.Yield();
        // Event times are Unix seconds, so successive runs against one store never go back in a user's time, and ids
        // carry the run's start, so a later run's ids are new, never retries of another event. A wall clock may step
        // back; the user's time may not.
        double t = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, earliest);
        using var body = ingest ? LoadgenBodies.Events(RunId, i, batch, t) : LoadgenBodies.Opportunity(RunId, i, t);
        try
        {
            using var response = await client.PostAsync(ingest ? $"/v1/users/{user}/events" : $"/v1/users/{user}/opportunity", body);
            statuses[i] = (int)response.StatusCode;
            if (statuses[i] != 200) rejections.AddOrUpdate(await Reason(response), 1, (_, n) => n + 1);
        }
        catch (Exception e)
        {
            statuses[i] = 0;
            rejections.AddOrUpdate($"0 {e.GetType().Name}", 1, (_, n) => n + 1);
        }
        latencies[i] = clock.Elapsed.TotalSeconds - due;
        return t;
    }

    /// <summary>"STATUS title" of a problem-details answer (e.g. "409 Event out of order"), or the status alone.</summary>
    private static async Task<string> Reason(HttpResponseMessage response)
    {
        string status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return doc.RootElement.TryGetProperty("title", out var title) && title.ValueKind == System.Text.Json.JsonValueKind.String
                ? $"{status} {title.GetString()}" : status;
        }
        catch (System.Text.Json.JsonException) { return status; }
    }

    private static readonly Regex Bucket = new("""^kairos_http_request_duration_seconds_bucket\{route="/v1/users/\{id\}/(events|opportunity)",le="([^"]+)"\} (\d+)$""", RegexOptions.Multiline);


    /// <summary>The server's /metrics text, or empty when it has none.</summary>
    private static async Task<string> Metrics(HttpClient client)
    {
        try { return await client.GetStringAsync("/metrics"); }
        catch (HttpRequestException) { return ""; }
    }

    /// <summary>The cumulative buckets of an unlabelled histogram <paramref name="name"/> (e.g. the store's
    /// group-commit wait) in a /metrics text, by upper bound (s).</summary>
    internal static SortedDictionary<double, long> ParseHistogram(string name, string metrics)
    {
        var buckets = new SortedDictionary<double, long>();
        foreach (Match m in new Regex($$"""^{{Regex.Escape(name)}}_bucket\{le="([^"]+)"\} (\d+)$""", RegexOptions.Multiline).Matches(metrics))
            buckets[Bound(m.Groups[1].Value)] = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return buckets;
    }

    private static double Bound(string le) => le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);

    /// <summary>The ingest and decide routes' cumulative handler-latency buckets in a /metrics text, summed, by upper bound (s).</summary>
    internal static SortedDictionary<double, long> ParseBuckets(string metrics)
    {
        var buckets = new SortedDictionary<double, long>();
        foreach (Match m in Bucket.Matches(metrics))
        {
            double le = Bound(m.Groups[2].Value);
            buckets[le] = buckets.GetValueOrDefault(le) + long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        }
        return buckets;
    }

    /// <summary>
    /// Upper bounds (ms) of the buckets holding the server-side p50, p90, p99 and p99.9 of this run's requests (the
    /// server's buckets are 2^(1/4) apart, so each quantile lies within 19 % below its bound). A quantile beyond the
    /// histogram's largest finite bound has no upper bound: it is written as null, and <c>histogramTopMs</c> says where
    /// the histogram ends (JSON has no infinity).
    /// </summary>
    internal static object? ServerQuantiles(SortedDictionary<double, long> before, SortedDictionary<double, long> after)
    {
        var diff = after.Select(b => (Le: b.Key, Count: b.Value - before.GetValueOrDefault(b.Key))).ToList();
        if (diff.Count == 0 || diff[^1].Count == 0) return null;
        long n = diff[^1].Count;
        double? Upper(double q) => diff.First(b => b.Count >= q * n).Le is var le && double.IsFinite(le) ? Math.Round(le * 1000, 9) : null;
        double? top = diff.Select(b => b.Le).Where(double.IsFinite).Select(le => (double?)Math.Round(le * 1000, 9)).LastOrDefault();
        return new { p50AtMost = Upper(0.5), p90AtMost = Upper(0.9), p99AtMost = Upper(0.99), p999AtMost = Upper(0.999), histogramTopMs = top, requests = n };
    }
}
