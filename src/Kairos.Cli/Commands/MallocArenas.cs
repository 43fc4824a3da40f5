using System.Collections;
using System.Runtime.InteropServices;

namespace Kairos.Cli.Commands;

/// <summary>
/// `kairos serve --cluster` runs with glibc's malloc arenas capped (MALLOC_ARENA_MAX=2). glibc gives each new thread
/// that mallocs an arena of its own, up to 8 per core, and a freed chunk stays in the arena that holds it; a silo's
/// thread-pool threads (Orleans, Kestrel, Npgsql) thus spread native allocations over 16 arenas on 2 cores, each
/// keeping its high-water mark: native memory grew for the whole of a 30-minute soak (docs/serving.md, soak). glibc
/// fixes its limit once 9 arenas exist, and a silo that called mallopt(M_ARENA_MAX, 2) as `serve` started still ended
/// with 16; so the process replaces itself (execve: same pid, arguments and open files) with the variable set, which
/// glibc reads before any arena exists. An operator's own MALLOC_ARENA_MAX is kept. The runtime's diagnostics socket
/// (what dotnet-counters, dotnet-trace and dotnet-gcdump connect to) is named after the pid and the process's start time,
/// which execve keeps; the first runtime's socket file is removed before the restart, or the second runtime could not
/// bind its own and the silo ran with no diagnostics (found with dotnet-gcdump in the s18 soak).
/// </summary>
internal static class MallocArenas
{
    public const string Variable = "MALLOC_ARENA_MAX";
    public const string SiloCap = "2";

    /// <summary>Whether this process, started with <paramref name="args"/>, should restart itself capped.</summary>
    public static bool Wanted(string[] args, string? environmentValue) =>
        OperatingSystem.IsLinux() && environmentValue is null && args.Length > 0 && args[0] == "serve"
        && args.Any(a => a == "--cluster" || a.StartsWith("--cluster=", StringComparison.Ordinal));

    // LPStr is UTF-8 on Linux.
    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int Execve([MarshalAs(UnmanagedType.LPUTF8Str)] string path,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] argv,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] envp);

    /// <summary>Runs this process's own command line again with <paramref name="variables"/> added to its environment;
    /// returns only when that is impossible (then the process goes on without them, after a warning on stderr).</summary>
    public static void Restart(IReadOnlyList<(string Name, string Value)> variables)
    {
        string why;
        try
        {
            string[] argv = Arguments(File.ReadAllText("/proc/self/cmdline"));
            var env = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}")
                .Concat(variables.Select(v => $"{v.Name}={v.Value}"));
            RemoveDiagnosticsSockets(Environment.ProcessId, Path.GetTempPath());
            Execve("/proc/self/exe", [.. argv, null], [.. env, null]);
            why = $"execve failed with errno {Marshal.GetLastPInvokeError()}";
        }
        catch (Exception e) { why = e.Message; }   // any failure: run on without them rather than not at all
        string set = string.Join(" ", variables.Select(v => $"{v.Name}={v.Value}"));
        Console.Error.WriteLine($"kairos: warning: could not restart with {set} ({why}); running on without. " +
            $"Set {set} in the server's environment.");
    }

    /// <summary>The variables `kairos` started with <paramref name="args"/> restarts itself with: the malloc arena cap
    /// for a silo, the gen0 budget (<see cref="Gen0Budget"/>) for any server; none for other commands or when the
    /// operator set them.</summary>
    public static IReadOnlyList<(string Name, string Value)> RestartVariables(string[] args, Func<string, string?> environment)
    {
        var wanted = new List<(string, string)>();
        if (Wanted(args, environment(Variable))) wanted.Add((Variable, SiloCap));
        if (Gen0Budget.Wanted(args, environment)) wanted.Add((Gen0Budget.Variable, Gen0Budget.Default));
        return wanted;
    }

    /// <summary>Removes the runtime's diagnostics sockets of process <paramref name="pid"/> in <paramref name="tempDir"/>
    /// ($TMPDIR or /tmp): dotnet-diagnostic-PID-STARTTIME-socket. Another process's are left alone.</summary>
    public static void RemoveDiagnosticsSockets(int pid, string tempDir)
    {
        foreach (string f in DiagnosticsSockets(pid, tempDir))
        {
            try { File.Delete(f); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }   // then only the diagnostics are lost
        }
    }

    /// <summary>The runtime's diagnostics sockets of process <paramref name="pid"/> in <paramref name="tempDir"/>.</summary>
    public static IEnumerable<string> DiagnosticsSockets(int pid, string tempDir) =>
        Directory.Exists(tempDir) ? Directory.EnumerateFiles(tempDir, $"dotnet-diagnostic-{pid}-*-socket") : [];

    /// <summary>The arguments in /proc/PID/cmdline's form: each one followed by a NUL (an empty argument is kept).</summary>
    public static string[] Arguments(string cmdline) =>
        cmdline.Length == 0 ? [] : (cmdline.EndsWith('\0') ? cmdline[..^1] : cmdline).Split('\0');
}
