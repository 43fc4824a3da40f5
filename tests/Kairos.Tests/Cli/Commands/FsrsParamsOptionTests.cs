using Kairos.Learning.Fsrs;
using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Tests.Cli.Commands;

public sealed class FsrsParamsOptionTests
{
    [Fact]
    public void Evaluate_with_fitted_parameters_changes_the_students()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kairos-fsrs-params-{Guid.NewGuid():N}.json");
        try
        {
            // Faster forgetting (smaller initial stabilities) must lower recall at test for the same schedule.
            FsrsParameterFile.Write(path, FsrsParameters.Clipped(FsrsParameters.Default.Weights.Select((w, j) => j < 4 ? w / 4 : w).ToArray()));
            string[] common = ["evaluate", "spaced-repetition-fsrs", "--policies", "uniform", "--budget", "200", "--episodes", "4", "--seed", "5", "--json"];
            var plain = CliRunner.Run(common);
            var fitted = CliRunner.Run([.. common, "--fsrs-params", path]);
            Assert.Equal(0, plain.ExitCode);
            Assert.Equal(0, fitted.ExitCode);
            Assert.NotEqual(plain.Stdout, fitted.Stdout);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_bad_file_or_a_scenario_without_fsrs_students_is_exit_2_naming_the_flag()
    {
        var missing = CliRunner.Run("budget-curve", "spaced-repetition-fsrs", "--budgets", "50,100", "--fsrs-params", "/nonexistent/p.json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--fsrs-params /nonexistent/p.json: no such FSRS parameter file", missing.Stderr);
        var other = CliRunner.Run("evaluate", "toy-counting", "--policies", "poisson", "--fsrs-params", "x.json");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("--fsrs-params applies to spaced-repetition-fsrs and spaced-repetition-fsrs-retention, not toy-counting", other.Stderr);
    }
}
