namespace Kairos.Tests.Cli;

/// <summary>One mistake, one `error:` line: follow-on messages that only repeat or mislead are not printed.</summary>
public sealed class OneErrorLineTests
{
    private static List<string> Errors(CliRunner.Outcome r) =>
        r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();

    [Fact]
    public void MisspelledVerbAlone_OnlyTheDidYouMeanLine()
    {
        var r = CliRunner.Run("evalute");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Did you mean 'evaluate'", Assert.Single(Errors(r)));
    }

    [Fact]
    public void NoVerb_ListsTheVerbs()
    {
        var r = CliRunner.Run();
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("evaluate", r.Stderr);
        Assert.Contains("demo", r.Stderr);
        Assert.DoesNotContain("Required command was not provided", r.Stderr);
    }

    [Fact]
    public void MisspelledVerbWithArguments_OnlyTheDidYouMeanLine()
    {
        var r = CliRunner.Run("evalute", "toy-counting", "--episodes", "3");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: Unrecognized command or argument 'evalute'. Did you mean 'evaluate'?", Assert.Single(Errors(r)));
    }

    [Theory]
    [InlineData("evaluate broadcastin", "Did you mean 'broadcasting'?")]
    [InlineData("train broadcasting --out x.json", "`kairos evaluate broadcasting` trains TPPRL")]
    [InlineData("budget-curve toy-countin --budgets 1", "Did you mean 'toy-counting'?")]
    public void UnknownOrMisplacedEnvironment_SaysWhatTheVerbTakes(string commandLine, string fragment)
    {
        var r = CliRunner.Run(commandLine.Split(' '));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(fragment, Assert.Single(Errors(r)));
    }

    [Fact]
    public void ModelsNamingAFile_OnlyTheModelsLine()
    {
        string file = Path.GetTempFileName();
        try
        {
            var r = CliRunner.Run("evaluate", "spaced-repetition", "--models", file, "--episodes", "1");
            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith($"error: --models {file}: is a file", Assert.Single(Errors(r)));
        }
        finally { File.Delete(file); }
    }
}
