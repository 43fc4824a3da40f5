using Kairos.Server;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Kairos.Tests.Serving.Http;

namespace Kairos.Tests.Serving;

/// <summary>
/// The dashboard in a real headless browser: Playwright driving Debian's chromium (never a downloaded browser) against
/// the real application on 127.0.0.1 (and on a 2-silo cluster of real processes for the members table). Without /usr/bin/chromium the test says so and passes, except under
/// KAIROS_CI=1, where it fails (.ci/run installs chromium).
/// </summary>
[Collection(Kairos.Tests.Cluster.ProcessClusters.Name)]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dashboard_shows_a_posted_user_and_updates_when_events_arrive()
    {
        if (DebianChromium.Missing(output, "browser test")) return;
        // The browser starts while the server starts and takes its first events: the two cold starts overlap.
        var browserStarting = StartBrowser();
        try
        {
            string reports = Directory.CreateTempSubdirectory("kairos-reports-").FullName;
            File.WriteAllText(Path.Combine(reports, "evaluate.html"), "<h1>Evaluation</h1><table><tr><th>policy</th><th>mean</th></tr><tr><td>uniform</td><td>0.42</td></tr></table>");
            await using var server = await LiveServer.StartAsync(new ServerOptions
            {
                Store = "memory", PolicyFile = LiveServer.BaselineFile("uniform", "rate", 0.5), Seed = 3, ReportsDirectory = reports,
            });
            Assert.Equal(200, (await Post(server.Client, "/v1/users/alice/events", Events(("e1", 1), ("e2", 2)))).Item1);
            await Drive((await browserStarting).Browser, server);
        }
        finally
        {
            var (playwright, browser) = await browserStarting;
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private async Task Drive(IBrowser browser, LiveServer server)
    {
        var page = await DebianChromium.NewPage(browser, 1280, 1100);
        await page.GotoAsync(server.Client.BaseAddress + $"?user=alice&interval={PollMilliseconds}");
        var summary = page.Locator("#summary");
        await Assertions.Expect(summary).ToContainTextAsync("user alice: 2 events");
        await Assertions.Expect(page.Locator("#timeline circle.event")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#next-action")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#policies tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#recent a", new() { HasText = "alice" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#no-actions")).ToBeVisibleAsync();   // nothing emitted without --emit-actions

        await AssertIntensityCurve(page, server.Client, "alice");

        Assert.Equal(200, (await Post(server.Client, "/v1/users/alice/events", Events(("e3", 3.5)))).Item1);
        await Assertions.Expect(summary).ToContainTextAsync("user alice: 3 events");
        await Assertions.Expect(page.Locator("#timeline circle.event")).ToHaveCountAsync(3);
        await Assertions.Expect(page.FrameLocator("#report").Locator("td", new() { HasText = "0.42" })).ToHaveCountAsync(1);

        await Screenshot(page, "dashboard.png");
    }

    /// <summary>The timeline draws the policy's intensity curve from the API's points: one vertex per point, at the
    /// heights the values imply (the uniform policy's constant rate is a flat line at the top, labelled with it).</summary>
    private static async Task AssertIntensityCurve(IPage page, HttpClient api, string user)
    {
        var (_, timeline) = await Get(api, $"/v1/users/{user}/timeline");
        var values = timeline.GetProperty("intensity").EnumerateArray().Select(p => p.GetProperty("intensity").GetDouble()).ToArray();
        Assert.True(values.Length > 2 && values.All(v => v == values[0]), "the uniform policy's intensity is its constant rate");
        var curve = page.Locator("#timeline polyline.intensity");
        await Assertions.Expect(curve).ToHaveCountAsync(1);
        var vertices = (await curve.GetAttributeAsync("points"))!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Split(',').Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(values.Length, vertices.Length);
        Assert.All(vertices, v => Assert.Equal(16, v[1], 6));   // the maximum sits at the plot's top (y = 16)
        Assert.True(vertices.Zip(vertices.Skip(1)).All(p => p.Second[0] > p.First[0]), "the curve runs left to right");
        await Assertions.Expect(page.Locator("#timeline text.intensity-max")).ToHaveTextAsync("λ 0.500");
    }

    /// <summary>Clustered, the dashboard lists the cluster's members: two real silos (processes over Redis), both
    /// active, the one serving the page marked "(this)"; the single-node note is hidden.</summary>
    [Kairos.Tests.Cluster.RedisFact]
    public async Task Dashboard_of_a_silo_lists_the_cluster_members()
    {
        if (DebianChromium.Missing(output, "browser test")) return;
        var browserStarting = StartBrowser();
        try
        {
            using var redis = await Kairos.Tests.Cluster.RedisProcess.StartAsync();
            using var cluster = await Kairos.Tests.Cluster.ProcessCluster.StartAsync(redis, Kairos.Tests.Cluster.ClusterStreams.SharedStore(),
                LiveServer.BaselineFile("uniform", "rate", 0.5), 3, silos: 2);
            Assert.Equal(200, (await cluster.Post(0, "/v1/users/bob/events", Events(("b1", 1), ("b2", 2)))).Status);
            var page = await DebianChromium.NewPage((await browserStarting).Browser, 1280, 1100);
            await page.GotoAsync(cluster.Url(0) + $"?user=bob&interval={PollMilliseconds}");
            var members = page.Locator("#cluster tbody tr");
            await Assertions.Expect(members).ToHaveCountAsync(2);
            await Assertions.Expect(members.Filter(new() { HasText = "Active" })).ToHaveCountAsync(2);
            await Assertions.Expect(members.Filter(new() { HasText = "(this)" })).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#single")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("user bob: 2 events");
            await Assertions.Expect(page.Locator("#timeline polyline.intensity")).ToHaveCountAsync(1);
            await Screenshot(page, "dashboard-cluster.png");
        }
        finally
        {
            var (playwright, browser) = await browserStarting;
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private async Task Screenshot(IPage page, string name)
    {
        string shot = Path.Combine(AppContext.BaseDirectory, "TestResults", name);
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        output.WriteLine("screenshot: " + shot);
        Assert.True(new FileInfo(shot).Length > 10_000);
    }

    /// <summary>The page polls every 200 ms instead of its default second: it still has to see the new events arrive
    /// through its own polling, only sooner.</summary>
    private const int PollMilliseconds = 200;

    private static async Task<(IPlaywright Playwright, IBrowser Browser)> StartBrowser()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await DebianChromium.Launch(playwright, "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-zygote");
        return (playwright, browser);
    }
}
