using Microsoft.Playwright;
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

    /// <summary>Playwright's own limits are seconds (5 s per expectation, 30 s per launch, navigation or action), and
    /// a cold chromium or a page's first polls on a loaded CI machine can take longer. Every wait of the browser tests
    /// is for a state, so each limit is a hang guard of minutes instead.</summary>
    private static readonly float HangGuardMs = (float)Waits.HangGuard.TotalMilliseconds;

    /// <summary>Debian's chromium, headless, with hang-guard limits for the launch and every expectation.</summary>
    public static Task<IBrowser> Launch(IPlaywright playwright, params string[] args)
    {
        Assertions.SetDefaultExpectTimeout(HangGuardMs);
        return playwright.Chromium.LaunchAsync(new() { ExecutablePath = Path, Headless = true, Args = args, Timeout = HangGuardMs });
    }

    /// <summary>A page of the given size whose navigations and actions have hang-guard limits.</summary>
    public static async Task<IPage> NewPage(IBrowser browser, int width, int height)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        page.SetDefaultTimeout(HangGuardMs);
        page.SetDefaultNavigationTimeout(HangGuardMs);
        return page;
    }
}
