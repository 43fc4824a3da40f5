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
/// glibc reads before any arena exists. An operator's own MALLOC_ARENA_MAX is kept.
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

    /// <summary>Runs this process's own command line again with the cap set; returns only when that is impossible
    /// (then the process goes on uncapped, after a warning on stderr).</summary>
    public static void RestartCapped()
    {
        string why;
        try
        {
            string[] argv = Arguments(File.ReadAllText("/proc/self/cmdline"));
            var env = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}")
                .Append($"{Variable}={SiloCap}");
            Execve("/proc/self/exe", [.. argv, null], [.. env, null]);
            why = $"execve failed with errno {Marshal.GetLastPInvokeError()}";
        }
        catch (Exception e) { why = e.Message; }   // any failure: run on uncapped rather than not at all
        Console.Error.WriteLine($"kairos: warning: could not restart with {Variable}={SiloCap} ({why}); running on with glibc's " +
            $"default malloc arenas, whose native memory can keep growing. Set {Variable}={SiloCap} in the silo's environment.");
    }

    /// <summary>The arguments in /proc/PID/cmdline's form: each one followed by a NUL (an empty argument is kept).</summary>
    public static string[] Arguments(string cmdline) =>
        cmdline.Length == 0 ? [] : (cmdline.EndsWith('\0') ? cmdline[..^1] : cmdline).Split('\0');
}
