using Kairos.Policies;

namespace Kairos.Tests.Cli;

/// <summary>`kairos train --init FILE` fine-tunes a saved policy instead of a fresh one, and refuses files or flags that
/// do not fit; `--held-out-episodes` sizes the held-out set.</summary>
public sealed class TrainWarmStartCliTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-train-init-");
    public void Dispose() => _dir.Delete(recursive: true);

    private string P(string name) => Path.Combine(_dir.FullName, name);

    private string Train(string env, string outName, params string[] extra) => Train(env, outName, 5, 3, extra);

    private string Train(string env, string outName, int iterations, int seed, params string[] extra)
    {
        var r = CliRunner.Run(["train", env, "--iterations", $"{iterations}", "--batch", "4", "--eval-every", "0", "--seed", $"{seed}",
            "--out", P(outName), "--json", .. extra]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return P(outName);
    }

    private static double[] Parameters(string path) =>
        NeuralTppPolicyFile.Load(path, null).Parameters.ToArray();

    [Fact]
    public void Init_StartsFromTheFilesParameters()
    {
        // Given a trained policy
        string start = Train("toy-counting", "start.json", "--hidden", "3");

        // When it is fine-tuned for one update with a negligible step, and a fresh policy likewise
        string tuned = Train("toy-counting", "tuned.json", 1, 4, "--init", start, "--lr", "1e-9");
        string fresh = Train("toy-counting", "fresh.json", 1, 4, "--hidden", "3", "--lr", "1e-9");

        // Then the fine-tuned policy is the start (Adam moves each parameter by about lr), the fresh one is not
        double[] s = Parameters(start), t = Parameters(tuned), f = Parameters(fresh);
        Assert.Equal(s.Length, t.Length);
        Assert.True(s.Zip(t).Max(p => Math.Abs(p.First - p.Second)) < 1e-7);
        Assert.True(s.Zip(f).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    [Theory]
    [InlineData("--init {dir}/missing.json", "--init {dir}/missing.json: no such policy file")]
    [InlineData("--init {dir}/events.csv", "--init {dir}/events.csv")]
    [InlineData("--init {dir}/switching.json", "trained on 'toy-switching', not 'toy-counting'")]
    [InlineData("--init {dir}/counting.json --hidden 5", "--hidden 5 contradicts --init")]
    [InlineData("--init {dir}/counting.json --initial-rate 2", "--initial-rate")]
    [InlineData("--init {dir}/counting.json --wt-zero", "--wt-zero")]
    public void Init_BadFileOrContradictingFlag_ExitsTwoNamingIt(string flags, string fragment)
    {
        Train("toy-counting", "counting.json", "--hidden", "3");
        Train("toy-switching", "switching.json", "--hidden", "3");
        File.WriteAllText(P("events.csv"), "user,time\nu1,0.5\n");

        var r = CliRunner.Run(["train", "toy-counting", "--iterations", "1", "--batch", "2", "--out", P("x.json"),
            .. flags.Split(' ').Select(a => a.Replace("{dir}", _dir.FullName))]);

        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.StartsWith("error:", r.Stderr);
        Assert.Contains(fragment.Replace("{dir}", _dir.FullName), r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(P("x.json")));
    }

    [Fact]
    public void HeldOutEpisodes_SizesTheFreshReScore()
    {
        var r = CliRunner.Run("train", "toy-counting", "--iterations", "4", "--batch", "2", "--hidden", "2", "--eval-every", "2",
            "--held-out-episodes", "16", "--seed", "1", "--out", P("h.json"), "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(16, r.Json().GetProperty("heldOut").GetProperty("episodes").GetInt32());
    }
}
