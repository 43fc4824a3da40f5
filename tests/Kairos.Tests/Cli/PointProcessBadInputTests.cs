using System.Text.Json;

namespace Kairos.Tests.Cli;

/// <summary>Bad input to sample/fit/loglik/demo: exit code 2, nothing on stdout, one line on stderr naming the
/// problem (no stack trace, no hang, no silent NaN); and --json prints exactly one JSON document.</summary>
public sealed class PointProcessBadInputTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-cli-bad-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    private static void AssertUserError(CliRunner.Outcome r, params string[] fragments)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        var lines = r.Stderr.TrimEnd().Split('\n').Where(l => !l.StartsWith("Run 'kairos --help'", StringComparison.Ordinal)).ToArray();
        Assert.Single(lines);
        Assert.StartsWith("error:", lines[0]);
        Assert.DoesNotContain("   at ", r.Stderr);
        foreach (var f in fragments) Assert.Contains(f, r.Stderr);
    }

    private string EventsFile(string content, string name = "e.csv")
    {
        string path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    [Theory]
    [InlineData("poisson", new[] { "rate=1" }, "1e12", "about 1E+12 events")]
    [InlineData("exp", new[] { "c=1", "omega=1" }, "100", "events in expectation")]
    [InlineData("hawkes", new[] { "mu=1", "alpha=2", "beta=1" }, "1000", "lower the rate or alpha")]
    [InlineData("heavytail", new[] { "scale=1e-9", "shape=1", "tail=1" }, "1000", "events in expectation")]
    public void Sample_HugeExpectedEventCount_ExitsTwoBeforeSimulating(string family, string[] parameters, string horizon, string fragment)
    {
        var args = new List<string> { "sample", "--family", family, "--horizon", horizon, "--out", PathOf("x.jsonl") };
        foreach (var p in parameters) args.AddRange(["--param", p]);
        AssertUserError(CliRunner.Run([.. args]), fragment, "limit of 10,000,000");
        Assert.False(File.Exists(PathOf("x.jsonl")));
    }

    [Theory]
    [InlineData("rate", "not of the form name=value")]
    [InlineData("rate=abc", "must be a finite number, got 'abc'")]
    [InlineData("rate=NaN", "must be a finite number, got 'NaN'")]
    [InlineData("rate=-1", "rate must be finite and > 0, got -1")]
    [InlineData("rate=1e999", "must be a finite number")]
    public void Sample_BadParamSyntaxOrValue_ExitsTwo(string param, string fragment) =>
        AssertUserError(CliRunner.Run("sample", "--family", "poisson", "--param", param, "--horizon", "5", "--out", PathOf("x.jsonl")), fragment);

    [Theory]
    [InlineData("0", "--horizon must be a finite number > 0")]
    [InlineData("-2", "--horizon must be a finite number > 0")]
    [InlineData("NaN", "--horizon: NaN is not a number")]
    [InlineData("Infinity", "--horizon: Infinity is too large")]
    public void Sample_NonPositiveOrNonFiniteHorizon_ExitsTwo(string horizon, string fragment) =>
        AssertUserError(CliRunner.Run("sample", "--family", "poisson", "--param", "rate=1", "--horizon", horizon, "--out", PathOf("x.jsonl")),
            fragment);

    [Fact]
    public void Sample_UnparsableHorizon_SaysANumberIsExpected() =>
        AssertUserError(CliRunner.Run("sample", "--family", "poisson", "--param", "rate=1", "--horizon", "abc", "--out", PathOf("x.jsonl")),
            "'abc'", "as a number");

    [Fact]
    public void Sample_OutIntoMissingDirectory_CreatesIt()
    {
        string path = Path.Combine(_dir.FullName, "new", "sub", "x.jsonl");
        var r = CliRunner.Run("sample", "--family", "poisson", "--param", "rate=1", "--horizon", "5", "--out", path);
        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void FitAndLoglik_DirectoryInsteadOfFile_ExitTwoSayingSo()
    {
        AssertUserError(CliRunner.Run("fit", "--family", "poisson", "--events", _dir.FullName), "is a folder, not an event file");
        AssertUserError(CliRunner.Run("loglik", "--family", "poisson", "--param", "rate=1", "--events", _dir.FullName, "--horizon", "5"),
            "is a folder, not an event file");
    }

    [Theory]
    [InlineData("user,time\nu1,2\nu1,1\n", ":3: field 'time'", "earlier than the previous time")]
    [InlineData("user,time\nu1,1\nu1,NaN\n", ":3: field 'time'", "finite")]
    [InlineData("user,time\nu1,-1\n", ":2: field 'time'", ">= 0")]
    public void FitAndLoglik_BadTimes_ExitTwoNamingTheLine(string content, string where, string why)
    {
        string path = EventsFile(content);
        AssertUserError(CliRunner.Run("fit", "--family", "hawkes", "--events", path), path + where, why);
        AssertUserError(CliRunner.Run("loglik", "--family", "poisson", "--param", "rate=1", "--events", path, "--horizon", "5"), path + where, why);
    }

    [Fact]
    public void Loglik_EmptyFile_ExitsTwo() =>
        AssertUserError(CliRunner.Run("loglik", "--family", "poisson", "--param", "rate=1", "--events", EventsFile("user,time\n"), "--horizon", "5"),
            "no events");

    [Fact]
    public void Loglik_OverflowingIntensity_ExitsTwoInsteadOfWritingInfinity() =>
        AssertUserError(CliRunner.Run("loglik", "--family", "exp", "--param", "c=700", "--param", "omega=5",
                "--events", EventsFile("user,time\nu1,1\n"), "--horizon", "100", "--json"),
            "log-likelihood", "-infinity", "check the --param values");

    [Fact]
    public void Demo_OutDirIsAFile_ExitsTwo() =>
        AssertUserError(CliRunner.Run("demo", "--quick", "--out-dir", EventsFile("x")), "--out-dir", "is a file");

    [Fact]
    public void Fit_HeavyTailOnExponentialGaps_WarnsThatParametersAreNotIdentified()
    {
        // Given Poisson data, which Burr XII only reaches in the limit tail → ∞
        string path = PathOf("p.jsonl");
        Assert.Equal(0, CliRunner.Run("sample", "--family", "poisson", "--param", "rate=1", "--horizon", "10", "--seed", "1", "--out", path).ExitCode);
        var r = CliRunner.Run("fit", "--family", "heavytail", "--events", path, "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("hardly identify", r.Stderr);
        Assert.Equal(JsonValueKind.Object, r.Json().ValueKind);
    }

    [Fact]
    public void SampleFitLoglik_Json_StdoutIsExactlyOneJsonDocument()
    {
        string path = PathOf("h.jsonl");
        var outcomes = new[]
        {
            CliRunner.Run("sample", "--family", "hawkes", "--param", "mu=0.5", "--param", "alpha=0.5", "--param", "beta=2",
                "--horizon", "200", "--users", "2", "--seed", "4", "--out", path, "--json"),
            CliRunner.Run("fit", "--family", "hawkes", "--events", path, "--horizon", "200", "--json"),
            CliRunner.Run("loglik", "--family", "hawkes", "--param", "mu=0.5", "--param", "alpha=0.5", "--param", "beta=2",
                "--events", path, "--horizon", "200", "--json"),
        };
        foreach (var r in outcomes)
        {
            Assert.Equal(0, r.ExitCode);
            // One document and nothing after it: a reader that stops after the first value reaches the end.
            var bytes = System.Text.Encoding.UTF8.GetBytes(r.Stdout.Trim());
            var reader = new Utf8JsonReader(bytes);
            Assert.True(JsonDocument.TryParseValue(ref reader, out var doc));
            Assert.Equal(bytes.Length, (int)reader.BytesConsumed);
            Assert.True(doc!.RootElement.TryGetProperty("format", out _));
            Assert.True(doc.RootElement.TryGetProperty("version", out _));
            Assert.True(doc.RootElement.TryGetProperty("command", out _));
            Assert.DoesNotContain("%", r.Stderr);   // no progress lines with --json
        }
    }
}
