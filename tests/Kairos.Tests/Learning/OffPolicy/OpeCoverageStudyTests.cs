using Kairos.Environments.AdDelivery;
using Kairos.Learning.OffPolicy;
using Kairos.Policies;
using Kairos.Tests.Cli;
using Xunit;

namespace Kairos.Tests.Learning.OffPolicy;

/// <summary>The coverage study (`kairos experiment ad-ope-coverage`) in small: 4 seeded logs of 200 users under
/// random:0.5 evaluating random:0.2, the truth on 4,000 other users.</summary>
public sealed class OpeCoverageStudyTests
{
    private static readonly OpeCoverageStudy.Settings Small = new(Reps: 4, LogUsers: 200, TruthUsers: 4_000, Seed: 3);

    private static OpeCoverageStudy.Result Run(IReadOnlyList<OpeCoverageStudy.NamedEstimator> estimators) =>
        OpeCoverageStudy.Run(new AdDeliveryEnvironment(), new RandomChoicePolicy(0.5, "logging"), new RandomChoicePolicy(0.2, "target"),
            Small, estimators);

    [Fact]
    public void Snips_and_dr_cover_the_truth_in_a_few_repetitions()
    {
        var result = Run(OpeCoverageStudy.Standard);
        Assert.Equal(["ips", "snips", "dr", "ips-normal", "snips-normal", "dr-normal", "logged-mean"], result.Rows.Select(r => r.Name));
        foreach (var name in new[] { "snips", "dr" })
        {
            var row = result.Rows.Single(r => r.Name == name);
            Assert.True(OpeCoverageStudy.Passes(row, 0.75), $"{name} covered {row.Covered}/{row.Reps}");
            Assert.InRange(row.MeanEstimate - result.Truth, -2 * row.MeanHalfWidth, 2 * row.MeanHalfWidth);
        }
    }

    /// <summary>SNIPS moved up by 3 standard errors, interval and all: the interval has the right width but the wrong centre, so it
    /// covers far less often (≈ 15% of repetitions in the long run). The check must reject it while accepting SNIPS itself on the same logs.</summary>
    [Fact]
    public void The_check_rejects_a_deliberately_biased_estimator()
    {
        var biased = new OpeCoverageStudy.NamedEstimator("snips+3se",
            (_, _, s) => s.Snips.Shifted(3 * s.Snips.StandardError));
        var result = Run([OpeCoverageStudy.Standard[1], biased]);
        Assert.True(OpeCoverageStudy.Passes(result.Rows[0], 0.75), $"snips covered {result.Rows[0].Covered}/4");
        Assert.False(OpeCoverageStudy.Passes(result.Rows[1], 0.9), $"the biased estimator covered {result.Rows[1].Covered}/4");
        Assert.True(result.Rows[1].Covered < result.Rows[0].Covered, $"the biased estimator covered {result.Rows[1].Covered}/4");
    }

    [Fact]
    public void Cli_reports_coverage_as_json_and_refuses_bad_input()
    {
        var r = CliRunner.Run("experiment", "ad-ope-coverage", "--reps", "2", "--log-users", "60", "--truth-users", "400", "--seed", "5", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var json = r.Json();
        Assert.Equal("ad-ope-coverage", json.GetProperty("experiment").GetString());
        Assert.Equal(7, json.GetProperty("estimators").GetArrayLength());
        var snips = json.GetProperty("estimators")[1];
        Assert.Equal("snips", snips.GetProperty("name").GetString());
        Assert.Equal(snips.GetProperty("covered").GetInt32() / 2.0, snips.GetProperty("coverage").GetDouble());
        Assert.True(double.IsFinite(json.GetProperty("truth").GetProperty("value").GetDouble()));
        var bad = CliRunner.Run("experiment", "ad-ope-coverage", "--reps", "0");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--reps", bad.Stderr);
        var target = CliRunner.Run("experiment", "ad-ope-coverage", "--target", "random:2");
        Assert.Equal(2, target.ExitCode);
        Assert.Contains("--target", target.Stderr);
    }
}
