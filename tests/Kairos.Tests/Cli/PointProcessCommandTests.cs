using System.Text.Json;

namespace Kairos.Tests.Cli;

public sealed class PointProcessCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-cli-pp-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    private static void AssertUserError(CliRunner.Outcome r, params string[] fragments)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.StartsWith("error:", r.Stderr);
        Assert.Single(r.Stderr.TrimEnd().Split('\n'));
        foreach (var f in fragments) Assert.Contains(f, r.Stderr);
    }

    [Theory]
    [InlineData("poisson", new[] { "rate=2" }, "events.jsonl")]
    [InlineData("exp", new[] { "c=0.5", "omega=0.004" }, "events.csv")]
    [InlineData("heavytail", new[] { "scale=0.7", "shape=1.5", "tail=1.2" }, "events.jsonl")]
    [InlineData("hawkes", new[] { "mu=0.5", "alpha=0.5", "beta=2" }, "events.csv")]
    public void SampleThenFit_KnownParameters_RecoveredWithinThreeStandardErrors(string family, string[] parameters, string file)
    {
        // Given events sampled from known parameters
        string path = PathOf(file);
        var args = new List<string> { "sample", "--family", family, "--horizon", "400", "--seed", "5", "--users", "3", "--out", path, "--json" };
        foreach (var a in parameters) { args.Add("--param"); args.Add(a); }
        var sample = CliRunner.Run([.. args]);
        Assert.Equal(0, sample.ExitCode);
        var sj = sample.Json();
        Assert.Equal("kairos.sample", sj.GetProperty("format").GetString());
        Assert.Equal(5, sj.GetProperty("seed").GetInt32());
        int n = sj.GetProperty("events").GetInt32();
        Assert.True(n > 300, $"only {n} events");
        Assert.Contains($"sampled {n} events for 3 users", sample.Stderr);

        // When fitting them
        var fit = CliRunner.Run("fit", "--family", family, "--events", path, "--horizon", "400", "--json");

        // Then the JSON has the documented shape and the truth lies within 3 SE
        Assert.Equal(0, fit.ExitCode);
        var j = fit.Json();
        Assert.Equal("kairos.fit", j.GetProperty("format").GetString());
        Assert.Equal("fit", j.GetProperty("command").GetString());
        Assert.Equal(n, j.GetProperty("events").GetInt32());
        Assert.Equal(3, j.GetProperty("users").GetInt32());
        Assert.True(j.GetProperty("converged").GetBoolean());
        Assert.Equal(j.GetProperty("loglik").GetDouble() / n, j.GetProperty("loglikPerEvent").GetDouble(), 1e-12);
        double p = j.GetProperty("ks").GetProperty("pValue").GetDouble();
        Assert.InRange(p, 1e-3, 1);
        foreach (var assignment in parameters)
        {
            var (name, truth) = (assignment.Split('=')[0], double.Parse(assignment.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
            var entry = j.GetProperty("parameters").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
            double est = entry.GetProperty("estimate").GetDouble(), se = entry.GetProperty("standardError").GetDouble();
            Assert.True(Math.Abs(est - truth) < 3 * se, $"{name}: {est} ± {se} vs {truth}");
        }
    }

    [Fact]
    public void Loglik_ExampleFile_PrintsJsonWithLoglikAndEventCount()
    {
        string path = PathOf("e.jsonl");
        File.WriteAllText(path, "{\"user\":\"a\",\"time\":1}\n{\"user\":\"b\",\"time\":2,\"kind\":\"feedback\"}\n{\"user\":\"a\",\"time\":3}\n");
        var r = CliRunner.Run("loglik", "--family", "poisson", "--param", "rate=0.5", "--events", path, "--horizon", "4", "--json");
        Assert.Equal(0, r.ExitCode);
        var j = r.Json();
        Assert.Equal("kairos.loglik", j.GetProperty("format").GetString());
        Assert.Equal(1, j.GetProperty("version").GetInt32());
        Assert.Equal("loglik", j.GetProperty("command").GetString());
        Assert.Equal(3, j.GetProperty("events").GetInt32());
        // two users on [0, 4]: 3 log 0.5 − 2 · 0.5 · 4
        Assert.Equal(3 * Math.Log(0.5) - 4, j.GetProperty("loglik").GetDouble(), 1e-12);
    }

    [Fact]
    public void Loglik_Csv_EqualsJsonLinesOfTheSameEvents()
    {
        File.WriteAllText(PathOf("e.csv"), "time,user\n0.5,x\n1.25,x\n");
        File.WriteAllText(PathOf("e.jsonl"), "{\"user\":\"x\",\"time\":0.5}\n{\"user\":\"x\",\"time\":1.25}\n");
        double Loglik(string f) => CliRunner.Run("loglik", "--family", "hawkes", "--param", "mu=0.3", "--param", "alpha=0.4",
            "--param", "beta=1.1", "--events", PathOf(f), "--horizon", "2", "--json").Json().GetProperty("loglik").GetDouble();
        Assert.Equal(Loglik("e.jsonl"), Loglik("e.csv"));
    }

    [Fact]
    public void Sample_UnknownFamily_ExitsTwoWithSuggestionAndValidList() =>
        AssertUserError(CliRunner.Run("sample", "--family", "hawks", "--horizon", "5", "--out", PathOf("x.jsonl")),
            "unknown family 'hawks'", "Did you mean 'hawkes'?", "Valid families: poisson, exp, hawkes, heavytail");

    [Fact]
    public void Sample_UnknownParameter_ExitsTwoWithSuggestion() =>
        AssertUserError(CliRunner.Run("sample", "--family", "heavytail", "--param", "scale=1", "--param", "shap=2",
                "--param", "tail=1", "--horizon", "5", "--out", PathOf("x.jsonl")),
            "unknown parameter 'shap'", "Did you mean 'shape'?", "Valid parameters: scale, shape, tail", "missing parameter 'shape'");

    [Fact]
    public void Sample_InvalidValueAndNegativeHorizon_ReportsBothAtOnce() =>
        AssertUserError(CliRunner.Run("sample", "--family", "poisson", "--param", "rate=-1", "--horizon", "-3", "--out", PathOf("x.jsonl")),
            "rate must be finite and > 0, got -1", "--horizon must be a finite number > 0", "got -3");

    [Fact]
    public void Loglik_NegativeHorizon_ExitsTwo() =>
        AssertUserError(CliRunner.Run("loglik", "--family", "poisson", "--param", "rate=1", "--events", PathOf("none.jsonl"), "--horizon", "-1"),
            "--horizon must be a finite number > 0");

    [Fact]
    public void Fit_BadFileLine_ExitsTwoNamingFileAndLine()
    {
        string path = PathOf("bad.jsonl");
        File.WriteAllText(path, "{\"time\":1}\n{\"time\":2,\"kind\":\"clik\"}\n");
        AssertUserError(CliRunner.Run("fit", "--family", "poisson", "--events", path), $"{path}:2: field 'kind': unknown kind 'clik'");
    }

    [Fact]
    public void Loglik_EventAfterHorizon_ExitsTwoNamingTheLine()
    {
        string path = PathOf("late.csv");
        File.WriteAllText(path, "user,time\na,1\na,7\n");
        AssertUserError(CliRunner.Run("loglik", "--family", "poisson", "--param", "rate=1", "--events", path, "--horizon", "5"),
            $"{path}:3: field 'time': 7 is after the horizon 5");
    }

    [Fact]
    public void Fit_MissingFileAndEmptyFile_ExitTwo()
    {
        AssertUserError(CliRunner.Run("fit", "--family", "exp", "--events", PathOf("missing.jsonl")), "no such event file");
        File.WriteAllText(PathOf("empty.csv"), "");
        AssertUserError(CliRunner.Run("fit", "--family", "exp", "--events", PathOf("empty.csv")), "no events");
    }

    [Fact]
    public void Sample_SameSeed_WritesIdenticalFiles()
    {
        string[] Args(string f) => ["sample", "--family", "hawkes", "--param", "mu=1", "--param", "alpha=0.3", "--param", "beta=3",
            "--horizon", "30", "--seed", "9", "--users", "2", "--out", PathOf(f)];
        Assert.Equal(0, CliRunner.Run(Args("a.jsonl")).ExitCode);
        Assert.Equal(0, CliRunner.Run(Args("b.jsonl")).ExitCode);
        Assert.Equal(File.ReadAllBytes(PathOf("a.jsonl")), File.ReadAllBytes(PathOf("b.jsonl")));
    }

    [Fact]
    public void FitWithoutJson_PrintsTableToStdout()
    {
        string path = PathOf("p.jsonl");
        Assert.Equal(0, CliRunner.Run("sample", "--family", "poisson", "--param", "rate=3", "--horizon", "50", "--out", path).ExitCode);
        var r = CliRunner.Run("fit", "--family", "poisson", "--events", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("rate", r.Stdout);
        Assert.Contains("time-rescaling KS", r.Stdout);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(r.Stdout));
    }

    [Fact]
    public void Fit_HeavyTailWithTiedTimes_ExitsTwoNamingTheUser()
    {
        string path = PathOf("ties.csv");
        File.WriteAllText(path, "user,time\nann,1\nann,1\nann,2\n");
        AssertUserError(CliRunner.Run("fit", "--family", "heavytail", "--events", path), "cannot fit heavytail: user 'ann', event 1");
    }
}
