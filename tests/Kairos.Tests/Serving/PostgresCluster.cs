using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Kairos.Tests.Serving;

/// <summary>
/// PostgreSQL for the store tests: the server named by <c>KAIROS_TEST_POSTGRES</c> (an Npgsql connection string of a
/// role that may create schemas), else a throw-away cluster started once per test run: <c>initdb -A trust
/// --no-sync</c> in a temp dir (through <c>runuser -u postgres</c> when running as root: postgres refuses root),
/// <c>pg_ctl</c> on a free port, listening on 127.0.0.1 only, socket in the temp dir, fsync off (functional tests
/// only). It is stopped when the test process exits. When neither is available, <see cref="Missing"/> says why.
/// </summary>
public static class PostgresCluster
{
    public const string EnvVar = "KAIROS_TEST_POSTGRES";
    private static readonly Lazy<(string? Connection, string? Missing)> Server = new(Start);
    private static int _schemas;

    /// <summary>True under CI (<c>.ci/run</c> sets KAIROS_CI=1): a missing PostgreSQL is then a failure, not a skip.</summary>
    public static bool InCi => Environment.GetEnvironmentVariable("KAIROS_CI") == "1";

    /// <summary>Why PostgreSQL is not available to the tests, or null when it is.</summary>
    public static string? Missing => Server.Value.Missing;

    /// <summary>A connection string to a fresh, empty schema (its own search path), so each test sees only its rows.</summary>
    public static string NewSchema()
    {
        var (connection, missing) = Server.Value;
        if (connection is null) throw new InvalidOperationException(missing);
        string schema = $"kairos_t{Environment.ProcessId}_{Interlocked.Increment(ref _schemas)}";
        using (var c = new NpgsqlConnection(connection))
        {
            c.Open();
            using var q = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}", c);
            q.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(connection) { SearchPath = schema }.ToString();
    }

    private static (string?, string?) Start()
    {
        if (Environment.GetEnvironmentVariable(EnvVar) is { Length: > 0 } given) return (given, null);
        string? bin = FindBinaries();
        if (bin is null)
            return (null, "PostgreSQL is not installed: no initdb/pg_ctl on PATH, in `pg_config --bindir` or /usr/lib/postgresql/*/bin. " +
                $"Install it (Debian: apt-get install -y postgresql; CI: .ci/ensure-postgres) or set {EnvVar} to a connection string.");
        try { return (StartCluster(bin), null); }
        catch (Exception e) { return (null, $"a throw-away PostgreSQL cluster from {bin} did not start: {e.Message}"); }
    }

    private static string? FindBinaries()
    {
        static bool Has(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (Run("pg_config", ["--bindir"], asPostgres: false, throwOnError: false) is { Length: > 0 } bindir) candidates.Add(bindir.Trim());
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out int v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        return candidates.FirstOrDefault(Has);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string StartCluster(string bin)
    {
        RemoveStaleClusters();
        string dir = IsRoot ? Run("mktemp", ["-d", "/tmp/kairos-pg-XXXXXX"], asPostgres: true).Trim() : Directory.CreateTempSubdirectory("kairos-pg-").FullName;
        string data = Path.Combine(dir, "data");
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"], IsRoot);
        // The free port is taken just before the start, and the start is retried on another one: between probing a port
        // and the server binding it, an outgoing connection of this or another test process can take it as its local
        // port (both come from the ephemeral range), and the start then fails with "Address already in use".
        int port = 0;
        for (int attempt = 1; ; attempt++)
        {
            port = FreePort();
            try
            {
                Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(dir, "log"), "-w", "-t", "120", "-o",
                    $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"], IsRoot);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3) { }
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], IsRoot, throwOnError: false);
            Run("rm", ["-rf", dir], IsRoot, throwOnError: false);
        };
        StartJanitor(Path.Combine(bin, "pg_ctl"), data, dir);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true";
    }

    /// <summary>
    /// The test host may be killed before its exit handler finishes (the runner does not wait for it), which would leave
    /// the server running and its directory behind. A detached shell waits for this process to end, then stops the
    /// server and removes the directory.
    /// </summary>
    private static void StartJanitor(string pgCtl, string data, string dir)
    {
        string asPostgres = IsRoot ? "runuser -u postgres -- " : "";
        string script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
                        $"{asPostgres}'{pgCtl}' -D '{data}' -m immediate stop >/dev/null 2>&1; rm -rf '{dir}'";
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = false };
        foreach (var a in new[] { "sh", "-c", script }) info.ArgumentList.Add(a);
        try { Process.Start(info)?.Dispose(); } catch (System.ComponentModel.Win32Exception) { }
    }

    /// <summary>
    /// Removes throw-away clusters that earlier test runs left behind (a test host killed before its exit handler ran):
    /// directories older than ten minutes whose server is not running (no postmaster.pid).
    /// </summary>
    private static void RemoveStaleClusters()
    {
        var tmp = new DirectoryInfo(Path.GetTempPath());
        foreach (var d in tmp.EnumerateDirectories("kairos-pg-*"))
        {
            try
            {
                bool running = File.Exists(Path.Combine(d.FullName, "data", "postmaster.pid"));
                if (!running && d.LastWriteTimeUtc < DateTime.UtcNow.AddMinutes(-10))
                    Run("rm", ["-rf", d.FullName], IsRoot, throwOnError: false);
            }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Runs a program (as the postgres user through runuser when asked) and returns its stdout.</summary>
    private static string Run(string program, string[] args, bool asPostgres, bool throwOnError = true)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (asPostgres) foreach (var a in new[] { "-u", "postgres", "--", program }) info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(info)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0 && throwOnError)
                throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {p.ExitCode}: {stderr.Trim()}");
            return stdout.Result;
        }
        catch (System.ComponentModel.Win32Exception) when (!throwOnError) { return ""; }
    }
}
