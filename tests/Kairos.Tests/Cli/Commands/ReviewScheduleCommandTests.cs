namespace Kairos.Tests.Cli.Commands;

public sealed class ReviewScheduleCommandTests
{
    [Fact]
    public void ReviewSchedule_CramReviewsOnlyOnTheLastDay_FsrsReviewsHardItemsMore_AndThePlotsAreWritten()
    {
        var dir = Directory.CreateTempSubdirectory("kairos-review-schedule-");
        try
        {
            var r = CliRunner.Run("review-schedule", "spaced-repetition-fsrs", "--policies", "cram,fsrs", "--budget", "150",
                "--episodes", "20", "--seed", "3", "--plot-dir", dir.FullName, "--json");
            Assert.True(r.ExitCode == 0, r.Stderr);
            var json = r.Json();
            var policies = json.GetProperty("policies").EnumerateArray().ToDictionary(p => p.GetProperty("policy").GetString()!);
            var cramDays = policies["cram"].GetProperty("reviewsPerDay").EnumerateArray().Select(d => d.GetDouble()).ToArray();
            Assert.Equal(14, cramDays.Length);
            Assert.All(cramDays[..^1], d => Assert.Equal(0, d));
            Assert.Equal(policies["cram"].GetProperty("reviews").GetDouble(), cramDays[^1], 1e-9);
            var fsrsItems = policies["fsrs"].GetProperty("reviewsPerItem").EnumerateArray().Select(d => d.GetDouble()).ToArray();
            Assert.Equal(policies["fsrs"].GetProperty("reviews").GetDouble(), fsrsItems.Sum(), 1e-9);
            // FSRS reviews an item when its R falls to the retention: harder items (higher D) fall sooner, so get more reviews.
            Assert.True(policies["fsrs"].GetProperty("difficultyRankCorrelation").GetDouble() > 0.5, r.Stdout);
            // Cram spreads the budget round-robin: every item gets the same count, so the correlation is undefined (omitted).
            Assert.False(policies["cram"].TryGetProperty("difficultyRankCorrelation", out _), r.Stdout);
            foreach (var name in new[] { "reviews-per-day", "reviews-per-item" })
                Assert.True(new FileInfo(Path.Combine(dir.FullName, $"spaced-repetition-fsrs-{name}.png")).Length > 10_000, name);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void ReviewSchedule_NotSpacedRepetitionOrBadFlags_ExitsTwoNamingThem()
    {
        var r = CliRunner.Run("review-schedule", "toy-counting", "--policies", "poisson", "--episodes", "0", "--plot-dir", "/no/such/dir");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("toy-counting is not a spaced-repetition scenario", r.Stderr);
        Assert.Contains("--episodes", r.Stderr);
        Assert.Contains("--plot-dir '/no/such/dir'", r.Stderr);
    }
}
