using System.Globalization;
using Kairos.Learning.Fsrs;
using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Tests.Cli.Commands;

public sealed class FitFsrsCommandTests
{
    private static string WriteLog()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kairos-fsrs-{Guid.NewGuid():N}.csv");
        var lines = FsrsSyntheticLog.Generate(FsrsParameters.Default, 150, 8, new Random(4)).Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{r.CardId},{r.Rating},{r.Time:O},{r.DurationMs}"));
        File.WriteAllLines(path, lines.Prepend("card_id,review_rating,review_time,review_duration"));
        return path;
    }

    [Fact]
    public void Json_run_reports_the_three_models_and_writes_a_model_file_that_reads_back()
    {
        string log = WriteLog(), model = Path.ChangeExtension(log, ".json");
        try
        {
            var r = CliRunner.Run("fit-fsrs", "--reviews", log, "--out", model, "--splits", "3", "--json");
            Assert.Equal(0, r.ExitCode);
            var root = r.Json();
            Assert.Equal("kairos.fit-fsrs", root.GetProperty("format").GetString());
            Assert.Equal(1200, root.GetProperty("data").GetProperty("reviews").GetInt32());
            var fitted = root.GetProperty("fit").GetProperty("parameters").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(fitted, FsrsParameterFile.Read(model).Weights);
            var evaluation = root.GetProperty("evaluation");
            foreach (var name in new[] { "fsrs6Fitted", "fsrs6Defaults", "hlr" })
            {
                var s = evaluation.GetProperty(name);
                Assert.InRange(s.GetProperty("logLoss").GetDouble(), 0.05, 1.5);
                Assert.InRange(s.GetProperty("auc").GetDouble(), 0.4, 1);
                Assert.True(s.GetProperty("reviews").GetInt32() > 100);
            }
        }
        finally { File.Delete(log); File.Delete(model); }
    }

    [Fact]
    public void Bad_arguments_exit_2_naming_every_flag()
    {
        var r = CliRunner.Run("fit-fsrs", "--reviews", "/nonexistent/x.csv", "--splits", "1", "--l2", "-1", "--day-start-hour", "24");
        Assert.Equal(2, r.ExitCode);
        foreach (var flag in new[] { "--reviews /nonexistent/x.csv: no such file", "--splits must lie in [2, 20]", "--l2 must be finite and >= 0", "--day-start-hour must lie in [0, 24)" })
            Assert.Contains(flag, r.Stderr);
    }

    [Fact]
    public void A_malformed_log_exits_2_with_file_and_line()
    {
        string log = WriteLog();
        try
        {
            File.AppendAllText(log, "7,9,2024-01-01T00:00:00+00:00,1\n");
            var r = CliRunner.Run("fit-fsrs", "--reviews", log);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"{log}:1202: column review_rating: '9'", r.Stderr);
        }
        finally { File.Delete(log); }
    }
}
