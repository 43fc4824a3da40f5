using System.Text.RegularExpressions;

namespace Kairos.Tests.Cli.Commands;

public sealed class EvaluateReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kairos-eval-report-" + Guid.NewGuid().ToString("N"));

    public EvaluateReportTests() => Directory.CreateDirectory(_dir);
    public void Dispose() => Directory.Delete(_dir, true);

    private static int Pngs(string html) => Regex.Matches(html, "src=\"data:image/png;base64,iVBORw0KGgo").Count;

    [Fact]
    public void Evaluate_WithReportAndJson_WritesHtmlWithPngsAndKeepsJsonUnchanged()
    {
        string path = Path.Combine(_dir, "r.html");
        string[] args = ["evaluate", "toy-counting", "--policies", "poisson", "--episodes", "4", "--seed", "1", "--json"];
        var plain = CliRunner.Run(args);
        var withReport = CliRunner.Run([.. args, "--report", path]);

        Assert.Equal(0, withReport.ExitCode);
        Assert.Equal(plain.Stdout, withReport.Stdout);
        Assert.Equal("kairos.evaluate", withReport.Json().GetProperty("format").GetString());
        Assert.Contains(Path.GetFullPath(path), withReport.Stderr);
        Assert.True(File.Exists(path));
        string html = File.ReadAllText(path);
        Assert.Equal(2, Pngs(html));   // primary-metric box plot + mean-actions bars; no spaced-repetition plots
        Assert.Contains("<h2>Policy poisson</h2>", html);
        Assert.Contains("<th>objective *</th>", html);   // the toys rank by reward − q/2∫λ², with reward beside it
        Assert.Contains("<th>reward</th>", html);
        Assert.Contains("<th>actions</th>", html);
        Assert.DoesNotContain("<th>actions</th><th>actions</th>", html);
    }

    [Fact]
    public void Evaluate_SpacedRepetitionWithReport_AddsReviewsPerDayAndDifficultyPlots()
    {
        string path = Path.Combine(_dir, "sr.html");
        var run = CliRunner.Run("evaluate", "spaced-repetition", "--policies", "uniform,cram", "--episodes", "2", "--seed", "1",
            "--report", path);

        Assert.Equal(0, run.ExitCode);
        string html = File.ReadAllText(path);
        Assert.Equal(4, Pngs(html));
        Assert.Contains("Share of all reviews falling on each day, one panel per policy", html);
        Assert.Contains("<h2>Policy cram</h2>", html);
        // reviews are the actions under another name: one column, not two with the same numbers
        Assert.Contains("<th>actions (= reviews)</th>", html);
        Assert.DoesNotContain("<th>reviews</th>", html);
        Assert.Contains("<th>reviews_per_day</th>", html);
    }
}
