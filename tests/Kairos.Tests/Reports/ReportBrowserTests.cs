using Kairos.Tests.Cli;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kairos.Tests.Reports;

/// <summary>
/// `evaluate --report` in a real headless browser (Debian's chromium via Playwright, never a downloaded browser):
/// the report renders, every image loads, and each PNG is shown at half its pixel width (the 2× plots). Without
/// /usr/bin/chromium the test says so and passes, except under KAIROS_CI=1, where it fails. A wide table (seven long
/// policy names, eight "mean ± SE" columns) keeps every number on one line and scrolls in its own box.
/// </summary>
public sealed class ReportBrowserTests(ITestOutputHelper output)
{
    private bool ChromiumMissing() => DebianChromium.Missing(output, "report browser test");

    private static Task<IBrowser> Launch(IPlaywright playwright) =>
        DebianChromium.Launch(playwright, "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");

    private async Task Screenshot(IPage page, string name)
    {
        string shot = Path.Combine(AppContext.BaseDirectory, "TestResults", name);
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        output.WriteLine("screenshot: " + shot);
    }

    [Fact]
    public async Task EvaluateReport_RendersWithEveryImageLoadedAtTwiceItsShownSize()
    {
        if (ChromiumMissing()) return;
        var dir = Directory.CreateTempSubdirectory("kairos-report-browser-");
        try
        {
            string html = Path.Combine(dir.FullName, "report.html");
            var r = CliRunner.Run("evaluate", "toy-counting", "--policies", "poisson,optimal", "--episodes", "20", "--report", html, "--json");
            Assert.True(r.ExitCode == 0, r.Stderr);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Launch(playwright);
            var page = await DebianChromium.NewPage(browser, 1200, 900);
            await page.GotoAsync(new Uri(html).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
            var images = await page.EvaluateAsync<int[][]>(
                "() => [...document.images].map(i => [i.complete ? 1 : 0, i.naturalWidth, Math.round(i.getBoundingClientRect().width)])");
            Assert.True(images.Length >= 2, $"{images.Length} images");
            foreach (var (img, k) in images.Select((x, k) => (x, k)))
            {
                Assert.True(img[0] == 1 && img[1] > 0, $"image {k} did not load");
                Assert.Equal(img[1] / 2, img[2]);
            }
            await Screenshot(page, "evaluate-report.png");
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public async Task AWideTable_KeepsEachMeanAndItsErrorOnOneLine_AndScrollsInItsOwnBox()
    {
        if (ChromiumMissing()) return;
        var dir = Directory.CreateTempSubdirectory("kairos-report-table-");
        try
        {
            var report = new Kairos.Reports.HtmlReport("wide table");
            string[] metrics = ["actions", "expected_recall *", "recall_day_1", "recall_day_7", "recall_day_28", "reviews_per_item", "difficulty", "Δ expected_recall vs fsrs (paired)"];
            var rows = Enumerable.Range(0, 7).Select(i => (IReadOnlyList<string>)[
                $"tpprl:data/models/spaced-repetition-fsrs-retention-memory-budget{100 * (i + 1)}.tpprl-per-item.json",
                .. metrics.Select((_, j) => $"{0.4632 + 0.01 * i + 0.001 * j:F4} ± 0.00{5 + j}1")]);
            report.AddSection("Evaluation").Table(["policy", .. metrics], rows);
            string html = Path.Combine(dir.FullName, "table.html");
            report.Write(html);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Launch(playwright);
            var page = await DebianChromium.NewPage(browser, 1200, 900);
            await page.GotoAsync(new Uri(html).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
            // Lines per numeric cell: one client rectangle per line box of its text.
            var lines = await page.EvaluateAsync<int[]>(
                "() => [...document.querySelectorAll('td:not(.t)')].map(td => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length; })");
            Assert.Equal(7 * metrics.Length, lines.Length);
            Assert.All(lines, n => Assert.Equal(1, n));
            var widths = await page.EvaluateAsync<int[]>(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.querySelector('div.table').scrollWidth, document.querySelector('div.table').clientWidth]");
            Assert.True(widths[0] <= widths[1], $"the page scrolls sideways: {widths[0]} > {widths[1]} px");   // the table's box scrolls, not the page
            await Screenshot(page, "wide-table.png");
        }
        finally { dir.Delete(recursive: true); }
    }
}
