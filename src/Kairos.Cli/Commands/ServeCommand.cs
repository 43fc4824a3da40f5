using System.CommandLine;
using Kairos.Server;
using Kairos.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kairos.Cli.Commands;

/// <summary>`kairos serve`: the decision service over HTTP.</summary>
public static class ServeCommand
{
    public static Command Create(CliIO io)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (default http://127.0.0.1:5080; port 0 picks a free port).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var store = new Option<string>("--store") { Description = "memory, sqlite:PATH, sqlite-full:PATH (synchronous=FULL) or postgres:CONNSTRING (Npgsql connection string); default sqlite:kairos.db.", DefaultValueFactory = _ => UserStores.Default };
        var walLimit = CliSizes.Option("--wal-limit", $"With a SQLite store: the most its write-ahead log (PATH-wal) may take under sustained writes; the writer thread starts the log over once it holds half (default auto: {SqliteUserStateStore.DefaultWalLimit >> 20}MB; at least {SqliteUserStateStore.MinWalLimit >> 10}KB).");
        var policy = new Option<string?>("--policy") { Description = "Policy file of the default policy (TPPRL or baseline); default: uniform actions at rate 1." };
        var seed = CliOptions.Seed();
        var token = new Option<string?>("--admin-token") { Description = "Bearer token for the admin routes (or KAIROS_ADMIN_TOKEN); without one the server binds to loopback only." };
        var capacity = new Option<int>("--user-capacity") { Description = $"Resident user states before eviction (default {new EngineOptions().UserCapacity}).", DefaultValueFactory = _ => new EngineOptions().UserCapacity };
        var idWindow = new Option<int>("--id-window") { Description = $"Ids of each resident user's last N records are kept in memory, so a retry among them is recognized without asking the store; older ids are looked up in the store (default {new EngineOptions().IdWindow}; worst case {IdWindowMemory.BytesPerId} B × N × --user-capacity).", DefaultValueFactory = _ => new EngineOptions().IdWindow };
        var memoryBudget = CliSizes.Option("--memory-budget", $"Most memory the id windows may take (--id-window × --user-capacity × {IdWindowMemory.BytesPerId} B); a larger configuration is refused at start-up (default auto: a quarter of this machine's memory).");
        var maxBatch = new Option<int>("--max-batch") { Description = "Most events per request (default 1000).", DefaultValueFactory = _ => 1000 };
        var reports = new Option<string?>("--reports") { Description = "Folder of evaluation reports (kairos evaluate --report); the dashboard at / shows the newest." };
        var cluster = new Option<string?>("--cluster") { Description = "Join an Orleans cluster: redis:HOST:PORT (membership and reminders on Redis); default: single node, no Orleans." };
        var siloPort = new Option<int>("--silo-port") { Description = "With --cluster: this silo's port on 127.0.0.1 (default 11111).", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "With --cluster: this silo's gateway port on 127.0.0.1 (default 30000).", DefaultValueFactory = _ => 30000 };
        var requestTimeout = new Option<double>("--request-timeout") { Description = "With --cluster: seconds before a request for an unreachable user answers 503 (default 5).", DefaultValueFactory = _ => 5 };
        var emitActions = new Option<bool>("--emit-actions") { Description = "Emit each user's planned next action when due (a timer; with --cluster a durable reminder), committed with its outbox row; consumers read GET /v1/actions. User time = Unix seconds." };
        var maxLateness = CliDurations.Option("--max-lateness", "With --emit-actions: a planned action found later than this past its time (after an outage) is not emitted but recorded as skipped and re-planned from now (default 10m; 'none': emit however late).",
            DefaultMaxLateness, allowNone: true);
        var catchUpRate = new Option<double>("--catch-up-rate") { Description = "With --emit-actions: overdue actions within --max-lateness leave at most this many per second (default 100); with --cluster this is the whole cluster's budget, shared among the active silos.", DefaultValueFactory = _ => DefaultCatchUpRate };
        var cmd = new Command("serve", "Serve decisions over HTTP: per-user state, durable before acknowledged.\nExample:\n  " +
            "kairos serve --urls http://127.0.0.1:5080 --store sqlite:kairos.db --seed 7")
        { urls, store, walLimit, policy, seed, token, capacity, idWindow, memoryBudget, maxBatch, reports, cluster, siloPort, gatewayPort, requestTimeout, emitActions, maxLateness, catchUpRate };
        cmd.SetAction((pr, ct) => Run(io, pr.GetValue(cluster) is { } c
            ? ClusterServe.Hook(c, Port(pr.GetValue(siloPort), "--silo-port"), Port(pr.GetValue(gatewayPort), "--gateway-port"),
                PositiveSeconds(pr.GetValue(requestTimeout), "--request-timeout"), pr.GetValue(emitActions), Rate(pr.GetValue(catchUpRate)))
            : null, new ServerOptions
        {
            Urls = pr.GetValue(urls)!,
            Store = pr.GetValue(store)!,
            WalLimit = CliSizes.Parse(pr.GetValue(walLimit)!, "--wal-limit") is { } wal ? UserStores.WalLimit(pr.GetValue(store)!, wal) : null,
            PolicyFile = pr.GetValue(policy),
            Seed = unchecked((ulong)(long)pr.GetValue(seed)),
            AdminToken = pr.GetValue(token) ?? Environment.GetEnvironmentVariable("KAIROS_ADMIN_TOKEN"),
            ReportsDirectory = pr.GetValue(reports),
            EmitActions = pr.GetValue(emitActions) && pr.GetValue(cluster) is null,   // a cluster emits through its grains' reminders
            CatchUpRate = Rate(pr.GetValue(catchUpRate)),
            Engine = new EngineOptions
            {
                UserCapacity = Positive(pr.GetValue(capacity), "--user-capacity"),
                MaxBatch = Positive(pr.GetValue(maxBatch), "--max-batch"),
                IdWindow = WithinBudget(Positive(pr.GetValue(idWindow), "--id-window"), pr.GetValue(capacity), CliSizes.Parse(pr.GetValue(memoryBudget)!, "--memory-budget")),
                MaxLateness = pr.GetValue(maxLateness) is var late && late == TimeSpan.MaxValue ? double.PositiveInfinity : late.TotalSeconds,   // user time = Unix seconds
            },
        }, ct));
        return cmd;
    }

    public static readonly TimeSpan DefaultMaxLateness = TimeSpan.FromMinutes(10);
    public const double DefaultCatchUpRate = 100;

    /// <summary>The id window, unless its worst-case memory at <paramref name="userCapacity"/> resident users exceeds
    /// the budget (default: a quarter of the machine's memory): then a one-line error with the estimate (exit 2).</summary>
    public static int WithinBudget(int idWindow, int userCapacity, long? budget)
    {
        long estimate = IdWindowMemory.Estimate(idWindow, userCapacity);
        long limit = budget ?? IdWindowMemory.DefaultBudget;
        if (estimate <= limit) return idWindow;
        string whose = budget is null
            ? $"a quarter of this machine's {IdWindowMemory.Describe(IdWindowMemory.MachineMemory)}"
            : "--memory-budget";
        throw new UserInputException($"--id-window {idWindow} × --user-capacity {userCapacity} may keep ≈ {IdWindowMemory.Describe(estimate)} of retry ids in memory " +
            $"({IdWindowMemory.BytesPerId} B each), over the budget of {IdWindowMemory.Describe(limit)} ({whose}); lower --id-window or --user-capacity, or raise --memory-budget.");
    }

    private static double Rate(double value) =>
        value > 0 ? value : throw new UserInputException($"--catch-up-rate {value}: must be a positive number of actions per second.");

    private static int Port(int value, string flag) =>
        value is >= 1 and <= 65535 ? value : throw new UserInputException($"{flag} {value}: a port is in 1–65535.");

    private static double PositiveSeconds(double value, string flag) =>
        value > 0 && double.IsFinite(value) ? value : throw new UserInputException($"{flag} {value}: must be a positive number of seconds.");

    private static int Positive(int value, string flag) =>
        value > 0 ? value : throw new UserInputException($"{flag} {value}: must be ≥ 1.");

    private static async Task<int> Run(CliIO io, Action<WebApplicationBuilder>? host, ServerOptions options, CancellationToken ct)
    {
        if (options.ReportsDirectory is { } reports && !Directory.Exists(reports))
            throw new UserInputException($"--reports {reports}: no such folder.");
        await using var app = KairosServer.Build(options, host);
        await app.StartAsync(ct);
        foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses)
            io.Out.WriteLine($"listening on {address}");
        io.Out.Flush();
        await app.WaitForShutdownAsync(ct);
        return KairosCli.Ok;
    }
}
