using Xunit.Abstractions;

namespace Kairos.Tests;

/// <summary>Debian's chromium, the only browser the browser tests drive. Without it a browser test says so and passes,
/// except under KAIROS_CI=1, where it fails (.ci/run installs chromium).</summary>
public static class DebianChromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>True when chromium is absent and the calling test should stop; fails the test instead under CI.</summary>
    public static bool Missing(ITestOutputHelper output, string test)
    {
        if (File.Exists(Path)) return false;
        string message = $"{Path} is missing: the {test} did not run (apt-get install -y chromium).";
        Assert.False(Environment.GetEnvironmentVariable("KAIROS_CI") == "1", message);
        output.WriteLine("SKIPPED: " + message);
        return true;
    }
}
