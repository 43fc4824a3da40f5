using System.CommandLine;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kairos.Cli.Commands;

/// <summary>
/// `kairos soak`: a long open-loop run of mixed ingest and decisions at a steady rate against one or more servers
/// (e.g. the silos of a cluster), with a time series of attempts, statuses, client-side latency and each server's
/// memory. A request answered 503 (or not at all) is retried with the same id after Retry-After, as a client
/// should; one not answered at all is retried through the next URL, as a load balancer routes around a dead front.
/// At the end every user's stored record count is read back and compared with the requests acknowledged for it: a
/// lost or doubled acknowledged event shows as a mismatch.
/// </summary>
public static class SoakCommand
{
    public static Command Create(CliIO io)
    {
        var url = new Option<string>("--url") { Description = "Base URL(s) to load, comma-separated, used in turn (default http://127.0.0.1:5080).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var metrics = new Option<string?>("--metrics") { Description = "Base URL(s) whose /metrics memory is sampled each interval (default: --url)." };
        var users = new Option<int>("--users") { Description = "Distinct user ids (default 20000).", DefaultValueFactory = _ => 20_000 };
        var rate = new Option<double>("--rate") { Description = "Requests per second (default 50).", DefaultValueFactory = _ => 50 };
        var duration = new Option<double>("--duration") { Description = "Seconds (default 60).", DefaultValueFactory = _ => 60 };
        var interval = new Option<double>("--interval") { Description = "Seconds per point of the time series (default 5).", DefaultValueFactory = _ => 5 };
        var mix = new Option<string>("--mix") { Description = "Request mix (default ingest:0.7,decide:0.3).", DefaultValueFactory = _ => "ingest:0.7,decide:0.3" };
        var retries = new Option<int>("--retries") { Description = "Retries of a request answered 503 or not at all (default 10).", DefaultValueFactory = _ => 10 };
        var timeout = new Option<double>("--client-timeout") { Description = "Seconds a client waits for an answer (default 10).", DefaultValueFactory = _ => 10 };
        var warmupPerUser = new Option<int>("--warmup-per-user") { Description = "Requests per user sent before the measured run (default 0: none): " +
            "rounds over every user, each in a random order, so each user has this many records (e.g. --id-window's, to fill every user's window) " +
            "before the --duration seconds begin. Kept apart from the series (warmupSeries), included in the final check.", DefaultValueFactory = _ => 0 };
        var warmupRate = new Option<double?>("--warmup-rate") { Description = "Requests per second of the warm-up (default: --rate)." };
        var warmupPause = new Option<double>("--warmup-pause") { Description = "Seconds without load between the warm-up and the measured run (default 0), e.g. for a heap dump of each server.", DefaultValueFactory = _ => 0 };
        var seed = CliOptions.Seed();
        var cmd = new Command("soak", "Long steady load with retries, a time series (statuses, latency, server memory) and a final " +
            "check that every acknowledged request is stored exactly once.\nExample:\n  kairos soak --url http://127.0.0.1:5081,http://127.0.0.1:5082 " +
            "--metrics http://127.0.0.1:5081,http://127.0.0.1:5082,http://127.0.0.1:5083 --rate 50 --duration 1800 > soak.json")
        { url, metrics, users, rate, duration, interval, mix, retries, timeout, warmupPerUser, warmupRate, warmupPause, seed };
        cmd.SetAction((pr, ct) =>
        {
            var urls = Urls("--url", pr.GetValue(url)!);
            var settings = new Settings(urls, pr.GetValue(metrics) is { } m ? Urls("--metrics", m) : urls, pr.GetValue(users), pr.GetValue(rate),
                pr.GetValue(duration), pr.GetValue(interval), LoadgenCommand.ParseMix(pr.GetValue(mix)!), pr.GetValue(retries),
                pr.GetValue(timeout), pr.GetValue(seed), pr.GetValue(warmupPerUser), pr.GetValue(warmupRate) ?? pr.GetValue(rate), pr.GetValue(warmupPause));
            return Run(io, settings, ct);
        });
        return cmd;
    }

    private sealed record Settings(string[] Urls, string[] Metrics, int Users, double Rate, double Duration, double Interval,
        double IngestShare, int Retries, double ClientTimeout, int Seed, int WarmupPerUser = 0, double WarmupRate = 1, double WarmupPause = 0);

    private static string[] Urls(string flag, string text)
    {
        var urls = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var u in urls)
            if (!Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new UserInputException($"{flag} '{u}': expected an http(s) base URL such as http://127.0.0.1:5080.");
        return urls.Length > 0 ? urls.Select(u => u.TrimEnd('/')).ToArray() : throw new UserInputException($"{flag}: no URL given.");
    }

    private const double MaxRequests = 1e8;

    private static async Task<int> Run(CliIO io, Settings s, CancellationToken ct)
    {
        var problems = new List<string>();
        if (s.Users < 1 || s.Rate <= 0 || s.Duration <= 0 || s.Interval <= 0 || s.Retries < 0 || s.ClientTimeout <= 0)
            problems.Add("--users, --rate, --duration, --interval and --client-timeout must be > 0, --retries ≥ 0");
        else if (s.Rate * s.Duration > MaxRequests) problems.Add($"--rate × --duration is more than {MaxRequests:0e0} requests");
        if (s.Duration > WorkEstimate.MaxSeconds) problems.Add($"--duration {s.Duration} s is more than the limit of {WorkEstimate.Duration(WorkEstimate.MaxSeconds)}");
        if (s.WarmupPerUser < 0 || s.WarmupRate <= 0 || s.WarmupPause is < 0 or > WorkEstimate.MaxSeconds)
            problems.Add($"--warmup-per-user and --warmup-pause must be ≥ 0 (the pause at most {WorkEstimate.Duration(WorkEstimate.MaxSeconds)}), --warmup-rate > 0");
        else if (s.Users >= 1 && (double)s.WarmupPerUser * s.Users > MaxRequests) problems.Add($"--warmup-per-user × --users is more than {MaxRequests:0e0} requests");
        else if (s.Users >= 1 && (double)s.WarmupPerUser * s.Users / s.WarmupRate > WorkEstimate.MaxSeconds)
            problems.Add($"--warmup-per-user × --users / --warmup-rate is more than the limit of {WorkEstimate.Duration(WorkEstimate.MaxSeconds)}");
        UserInputException.ThrowIfAny(problems);

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(s.ClientTimeout) };
        string runId = "soak" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

        // The warm-up: rounds over every user, each round in a random order (its own generator, so the measured run's
        // requests are the same with or without it), ids "RUN-wN". Then the measured run, ids "RUN-N".
        Phase? warmup = null;
        if (s.WarmupPerUser > 0)
        {
            var warmRng = new Random(unchecked(s.Seed * 31 + 1));
            int[] order = Enumerable.Range(0, s.Users).ToArray();
            warmup = await Drive(io, client, s, runId, "w", (long)s.WarmupPerUser * s.Users, s.WarmupRate, i =>
            {
                int k = (int)(i % s.Users);
                if (k == 0) warmRng.Shuffle(order);
                return order[k];
            }, warmRng, "soak warm-up ", ct);
            io.Info($"soak warm-up done: {CountText.Of(warmup.Finals.Length, "request")}");
            if (s.WarmupPause > 0) await Task.Delay(TimeSpan.FromSeconds(s.WarmupPause), ct);
            io.Info("soak measured run starts");
        }
        var rng = new Random(s.Seed);
        var measured = await Drive(io, client, s, runId, "", (long)(s.Rate * s.Duration), s.Rate, _ => rng.Next(s.Users), rng, "soak ", ct);

        var verification = await Verify(client, s, runId, [.. warmup?.Finals ?? [], .. measured.Finals], [.. warmup?.UserOf ?? [], .. measured.UserOf], ct);
        io.WriteJson(new
        {
            format = "kairos.soak", version = 1, urls = s.Urls, metrics = s.Metrics, users = s.Users, rate = s.Rate, duration = s.Duration,
            interval = s.Interval, ingestShare = s.IngestShare, retries = s.Retries, seed = s.Seed, startUnix = measured.StartUnix,
            requests = measured.Finals.Length, finalStatuses = Statuses(measured.Finals),
            warmup = warmup is null ? null : new
            {
                perUser = s.WarmupPerUser, rate = s.WarmupRate, requests = warmup.Finals.Length, startUnix = warmup.StartUnix,
                seconds = measured.StartUnix - warmup.StartUnix, finalStatuses = Statuses(warmup.Finals),
            },
            verification,
            series = measured.Series.Rows(),
            warmupSeries = warmup?.Series.Rows(),
        });
        return KairosCli.Ok;
    }

    private static Dictionary<string, int> Statuses(int[] finals) =>
        finals.GroupBy(f => f).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count());

    /// <summary>One phase's requests (warm-up or measured): final status and user of each, its series (times from the
    /// phase's start) and its start.</summary>
    private sealed record Phase(int[] Finals, int[] UserOf, SoakSeries Series, double StartUnix);

    /// <summary>Sends <paramref name="total"/> requests at <paramref name="rate"/> per second (the i-th to user
    /// <paramref name="userAt"/>(i), ingest or decide by <paramref name="rng"/>), sampling memory each interval, and
    /// waits for every answer.</summary>
    private static async Task<Phase> Drive(CliIO io, HttpClient client, Settings s, string runId, string idPrefix, long total, double rate,
        Func<long, int> userAt, Random rng, string progress, CancellationToken ct)
    {
        var finals = new int[total];
        var userOf = new int[total];
        var series = new SoakSeries(s.Interval, s.Metrics.Length, s.Urls.Length);
        var clock = Stopwatch.StartNew();
        double start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = SampleMemory(client, s, series, clock, io, progress, stop.Token);

        var tasks = new List<Task>((int)Math.Min(total, 1 << 20));
        var lastOfUser = new Dictionary<int, Task>();
        for (long i = 0; i < total; i++)
        {
            double due = i / rate;
            double wait = due - clock.Elapsed.TotalSeconds;
            if (wait > 0.001) await Task.Delay(TimeSpan.FromSeconds(wait), ct);
            int user = userAt(i);
            bool ingest = rng.NextDouble() < s.IngestShare;
            userOf[i] = user;
            long index = i;
            // One user's requests go one at a time, in order (its previous one answered, retries included), as one
            // client's would: the service refuses an event older than the user's last. Requests keep their due times,
            // so the aggregate rate holds; a request queued behind its user's previous one counts that wait as latency.
            var send = After(lastOfUser.GetValueOrDefault(user), () => Send(client, s, series, clock, $"{runId}-{idPrefix}{index}", index, User(runId, user), ingest, due, finals));
            lastOfUser[user] = send;
            tasks.Add(send);
        }
        await Task.WhenAll(tasks);
        await stop.CancelAsync();
        await sampler;
        return new Phase(finals, userOf, series, start);
    }

    private static async Task After(Task? previous, Func<Task> next)
    {
        if (previous is not null) await previous;
        await next();
    }

    /// <summary>User ids carry the run's id, so a run on a store used before starts from users without records.</summary>
    private static string User(string runId, int n) => $"{runId}-u{n}";

    /// <summary>One logical request: attempts until it is answered with anything but 503 or silence, or the retries
    /// run out. Each attempt is a point of the series; the first attempt's latency counts from its due time.</summary>
    private static async Task Send(HttpClient client, Settings s, SoakSeries series, Stopwatch clock, string id, long i, string user,
        bool ingest, double due, int[] finals)
    {
        await Task.Yield();
        long front = i;
        string t = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("R", CultureInfo.InvariantCulture);
        string body = ingest
            ? $"{{\"events\":[{{\"id\":\"{id}\",\"time\":{t},\"kind\":\"feedback\",\"value\":1}}]}}"
            : $"{{\"id\":\"{id}\",\"time\":{t}}}";
        int status = 0;
        for (int attempt = 0; attempt <= s.Retries; attempt++)
        {
            int frontIndex = (int)(front % s.Urls.Length);
            string path = $"{s.Urls[frontIndex]}/v1/users/{user}/{(ingest ? "events" : "opportunity")}";
            double sent = clock.Elapsed.TotalSeconds;
            TimeSpan retryAfter = TimeSpan.FromSeconds(1);
            try
            {
                using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
                status = (int)response.StatusCode;
                if (response.Headers.RetryAfter?.Delta is { } d) retryAfter = d;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { status = 0; front++; }   // no answer: the next front, as a load balancer would
            series.Attempt(sent, status, (clock.Elapsed.TotalSeconds - (attempt == 0 ? due : sent)) * 1000, frontIndex, ingest);
            if (status is not (0 or (int)HttpStatusCode.ServiceUnavailable)) break;
            if (attempt < s.Retries) await Task.Delay(retryAfter);
        }
        finals[i] = status;
    }

    private static readonly Regex Rss = new(@"^process_resident_memory_bytes (\d+)$", RegexOptions.Multiline);
    private static readonly Regex Heap = new(@"^dotnet_gc_heap_bytes (\d+)$", RegexOptions.Multiline);
    private static readonly Regex Committed = new(@"^dotnet_gc_committed_bytes (\d+)$", RegexOptions.Multiline);
    private static readonly Regex AfterGen2 = new(@"^dotnet_gc_heap_after_gen2_bytes (\d+)$", RegexOptions.Multiline);

    /// <summary>Each interval: every server's RSS, managed heap, GC committed bytes and heap after its latest gen2 collection (null while it does not answer), and a progress
    /// line on stderr with the interval that just ended.</summary>
    private static async Task SampleMemory(HttpClient client, Settings s, SoakSeries series, Stopwatch clock, CliIO io, string progress, CancellationToken ct)
    {
        int index = 0;
        while (!ct.IsCancellationRequested)
        {
            double at = index * s.Interval + s.Interval * 0.5;
            try { await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, at - clock.Elapsed.TotalSeconds)), ct); }
            catch (OperationCanceledException) { return; }
            var samples = await Task.WhenAll(s.Metrics.Select(async m =>
            {
                try
                {
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Min(2, s.Interval / 2)));
                    string text = await client.GetStringAsync($"{m}/metrics", cts.Token);
                    return (Rss: Mb(Rss.Match(text)), Heap: Mb(Heap.Match(text)), Committed: Mb(Committed.Match(text)), AfterGen2: Mb(AfterGen2.Match(text)));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return (Rss: (double?)null, Heap: (double?)null, Committed: (double?)null, AfterGen2: (double?)null); }
            }));
            for (int k = 0; k < samples.Length; k++) series.Memory(at, k, samples[k].Rss, samples[k].Heap, samples[k].Committed, samples[k].AfterGen2);
            if (index > 0 && series.Row(index - 1) is { } row) io.Info(progress + JsonSerializer.Serialize(row));
            index++;
        }
    }

    private static double? Mb(Match m) => m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / (1 << 20) : null;

    /// <summary>Reads every acknowledged user's record count back (through the first URL that answers) and compares it
    /// with the requests acknowledged for that user. Users with a request left unanswered (503 or silence after every retry)
    /// are counted apart: such a request may or may not have been applied.</summary>
    private static async Task<object> Verify(HttpClient client, Settings s, string runId, int[] finals, int[] userOf, CancellationToken ct)
    {
        var expected = new Dictionary<int, int>();
        var unresolved = new HashSet<int>();
        for (long i = 0; i < finals.Length; i++)
        {
            if (finals[i] == 200) expected[userOf[i]] = expected.GetValueOrDefault(userOf[i]) + 1;
            else if (finals[i] is 0 or 503) unresolved.Add(userOf[i]);
        }
        var checkedUsers = expected.Keys.Where(u => !unresolved.Contains(u)).ToArray();
        var stored = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(checkedUsers, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (u, token) =>
        {
            for (int attempt = 0; ; attempt++)
            {
                HttpResponseMessage r;
                try { r = await client.GetAsync($"{s.Urls[attempt % s.Urls.Length]}/v1/users/{User(runId, u)}", token); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
                {
                    if (attempt >= s.Retries + s.Urls.Length) { stored[u] = -1; return; }
                    continue;
                }
                using var _ = r;
                if (r.StatusCode == HttpStatusCode.NotFound) { stored[u] = 0; return; }
                if (r.IsSuccessStatusCode)
                {
                    using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync(token));
                    stored[u] = doc.RootElement.GetProperty("events").GetInt32();
                    return;
                }
                if (attempt >= s.Retries) { stored[u] = -1; return; }
                await Task.Delay(1000, token);
            }
        });
        return new
        {
            acknowledged = checkedUsers.Sum(u => expected[u]),
            stored = checkedUsers.Sum(u => Math.Max(0, stored[u])),
            usersChecked = checkedUsers.Length,
            usersMissingRecords = checkedUsers.Count(u => stored[u] >= 0 && stored[u] < expected[u]),
            usersWithExtraRecords = checkedUsers.Count(u => stored[u] > expected[u]),
            usersUnreadable = checkedUsers.Count(u => stored[u] < 0),
            usersWithUnansweredRequests = unresolved.Count,
        };
    }
}
