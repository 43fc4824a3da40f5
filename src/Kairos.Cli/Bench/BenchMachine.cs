using System.Reflection;

namespace Kairos.Cli.Bench;

/// <summary>What a bench figure depends on besides the code: cores, load average (another job on the machine slows
/// every figure) and the build configuration (a Debug build is several times slower than Release).</summary>
public static class BenchMachine
{
    /// <summary>The 1-minute load average from /proc/loadavg, or null where there is none.</summary>
    public static double? LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }

    /// <summary>"Debug" or "Release", as the CLI was built.</summary>
    public static string Configuration =>
        typeof(BenchMachine).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";
}
