using Kairos.Serving;

namespace Kairos.Tests.Cli;

/// <summary>fit-model and train ad-delivery end to end on a tiny generated log, and their bad input.</summary>
public sealed class AdModelCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-admodel-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Log()
    {
        var rng = new Random(1);
        var lines = new List<string>();
        for (int u = 0; u < 30; u++)
        {
            lines.Add($$"""{"user":"u{{u}}","kind":"window","start":0,"end":20}""");
            double t = 0;
            while ((t += -Math.Log(1 - rng.NextDouble())) < 20)
            {
                string time = t.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                if (rng.NextDouble() < 0.3)
                {
                    lines.Add($$"""{"user":"u{{u}}","time":{{time}},"kind":"opportunity"}""");
                    lines.Add($$"""{"user":"u{{u}}","time":{{time}},"kind":"action","mark":{{rng.Next(3)}}}""");
                }
                else
                {
                    int mark = rng.Next(3);
                    lines.Add(mark == 2 ? $$"""{"user":"u{{u}}","time":{{time}},"kind":"feedback","mark":2,"value":{{5 + rng.Next(10)}}}"""
                        : $$"""{"user":"u{{u}}","time":{{time}},"kind":"feedback","mark":{{mark}}}""");
                }
            }
        }
        var path = Path.Combine(_dir.FullName, "logs.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void FitModel_ThenTrain_WritesAServablePolicy()
    {
        string model = Path.Combine(_dir.FullName, "model.json"), policy = Path.Combine(_dir.FullName, "policy.json");
        var fit = CliRunner.Run("fit-model", "--data", Log(), "--ensemble", "1", "--hidden", "4", "--epochs", "2", "--out", model, "--json");
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        var test = fit.Json().GetProperty("test");
        Assert.Equal(3, test.GetProperty("baselines").GetArrayLength());
        Assert.True(double.IsFinite(test.GetProperty("logLikelihoodPerEvent").GetDouble()));
        var train = CliRunner.Run("train", "ad-delivery", "--model", model, "--action-cost", "1", "--iterations", "2", "--batch", "4", "--eval-users", "20", "--out", policy, "--json");
        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Equal("ad-learned", PolicyFiles.Load(policy, "ads", 1).Policy.Kind);
    }

    [Theory]
    [InlineData("fit-model --data {dir}/missing.jsonl", "--data")]
    [InlineData("fit-model --data {log} --ensemble -1", "--ensemble")]
    [InlineData("fit-model --data {log} --hidden 0", "--hidden")]
    [InlineData("train ad-delivery --model {dir}/missing.json", "missing.json")]
    [InlineData("train ad-delivery --model {log} --policy lerned", "learned")]
    public void BadInput_ExitsTwoWithOneErrorNamingTheFlag(string args, string expected)
    {
        string log = Log();
        var r = CliRunner.Run(args.Replace("{dir}", _dir.FullName).Replace("{log}", log).Split(' '));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error:", r.Stderr);
        Assert.Contains(expected, r.Stderr);
    }
}
