using Kairos.Cli;

namespace Kairos.Tests.Cli;

public sealed class KairosCliTests
{
    [Fact]
    public void Run_UnknownVerb_ExitsWithUserErrorAndOneLineMessage()
    {
        var r = CliRunner.Run("frobnicate");

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.Stderr);
        Assert.Contains("frobnicate", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void Run_UnknownOption_ExitsWithUserError()
    {
        var r = CliRunner.Run("demo", "--no-such-option");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--no-such-option", r.Stderr);
    }

    [Fact]
    public void Help_ListsDemoAndBench()
    {
        var r = CliRunner.Run("--help");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("demo", r.Stdout);
        Assert.Contains("bench", r.Stdout);
    }

    [Fact]
    public void Demo_QuickJson_PrintsOneJsonDocumentAndWritesReport()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kairos-test-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliRunner.Run("demo", "--quick", "--json", "--out-dir", dir, "--seed", "3");

            Assert.Equal(0, r.ExitCode);
            var json = r.Json();
            Assert.Equal("kairos.demo", json.GetProperty("format").GetString());
            Assert.Equal(3, json.GetProperty("seed").GetInt32());
            var html = File.ReadAllText(Path.Combine(dir, "report.html"));
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("Demo summary", html);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Train_NegativeIterations_NamesTheValueWithoutBclParameterSuffix()
    {
        var r = CliRunner.Run("train", "toy-counting", "--iterations", "-5");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("got -5", r.Stderr);
        Assert.DoesNotContain("Parameter", r.Stderr);
        Assert.DoesNotContain("'Iterations'", r.Stderr);
    }

    [Fact]
    public void Train_SeveralBadOptions_PrintsOneErrorLinePerFlag()
    {
        var r = CliRunner.Run("train", "toy-counting", "--lr", "-1", "--batch", "1", "--q-intensity", "-2", "--reward-metric", "rewrd");

        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.TrimEnd().Split('\n');
        Assert.All(lines, l => Assert.StartsWith("error: ", l));
        Assert.Equal(4, lines.Length);
        foreach (var flag in new[] { "--lr ", "--batch ", "--q-intensity ", "--reward-metric " })
            Assert.Single(lines, l => l.StartsWith("error: " + flag, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(typeof(ArgumentException), false)]
    [InlineData(typeof(ArgumentOutOfRangeException), false)]
    [InlineData(typeof(InvalidOperationException), false)]
    [InlineData(typeof(FormatException), false)]
    [InlineData(typeof(UserInputException), true)]
    [InlineData(typeof(FileNotFoundException), true)]
    [InlineData(typeof(DirectoryNotFoundException), true)]
    public void OnlyUserInputIsAUserError(Type type, bool user)
    {
        var e = (Exception)Activator.CreateInstance(type, "message")!;
        Assert.Equal(user, KairosCli.IsUserError(e));
        Assert.Equal(user, KairosCli.IsUserError(new AggregateException(e, new UserInputException("other"))));
    }
}
