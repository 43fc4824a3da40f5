using System.Text.Json;
using Kairos.Cli;

namespace Kairos.Tests.Pomdp;

/// <summary>`kairos pomdp` in process: exit codes, JSON shape, errors naming the field.</summary>
public sealed class PomdpCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => Kairos.Tests.Cli.CliRunner.RunTuple(args);

    private static string Spec(string name) => Path.Combine(PomdpSpecTests.RepoData(), name);

    [Fact]
    public void Solve_ExampleJson_PrintsOneDocumentWithRequiredFields()
    {
        var (code, output, _) = Run("pomdp", "solve", "--spec", Spec("example.json"), "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("kairos.pomdp-solve", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("pomdp solve", root.GetProperty("command").GetString());
        Assert.Equal(0.898687757362, root.GetProperty("value").GetDouble(), 5e-13);
        Assert.Equal(["B", "B", "C", "C", "C"], root.GetProperty("firstOffers").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.True(root.GetProperty("gridPoints").GetInt64() > 0);
        Assert.InRange(root.GetProperty("bound").GetDouble(), 0, 0.01);
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
    }

    [Fact]
    public void Solve_ExactMethod_AgreesWithGrid()
    {
        var (code, output, _) = Run("pomdp", "solve", "--spec", Spec("noisy-or-customers.json"), "--method", "exact", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("exact", doc.RootElement.GetProperty("method").GetString());
        Assert.Equal(0.9220276727, doc.RootElement.GetProperty("value").GetDouble(), 1e-9);
    }

    [Fact]
    public void Solve_WithoutJson_PrintsTable()
    {
        var (code, output, _) = Run("pomdp", "solve", "--spec", Spec("example.json"));
        Assert.Equal(0, code);
        Assert.Contains("first offers", output);
        Assert.Contains("B, B, C, C, C", output);
    }

    [Fact]
    public void Solve_BadSpec_ExitsTwoNamingTheField()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kairos-bad-spec-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, File.ReadAllText(Spec("example.json")).Replace("\"zeta\": [0.5, 0.5]", "\"zeta\": [0.5, -0.5]"));
        try
        {
            var (code, output, error) = Run("pomdp", "solve", "--spec", path, "--json");
            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Contains("products[2].zeta[1]: must be >= 0, got -0.5", error);
            Assert.DoesNotContain("   at ", error);   // no stack trace
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Solve_UnnormalisedPrior_WarnsOnStderr()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kairos-prior-spec-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, File.ReadAllText(Spec("example.json")).Replace("\"prior\": 0.4", "\"prior\": 1.4"));
        try
        {
            var (code, output, error) = Run("pomdp", "solve", "--spec", path, "--json");
            Assert.Equal(0, code);
            Assert.Contains("warning: profiles: priors sum to 2", error);
            using var _ = JsonDocument.Parse(output);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("--epsilon", "0", "--epsilon must be a finite number > 0")]
    [InlineData("--grid-spacing", "1.5", "--grid-spacing must lie in (0, 1]")]
    public void Solve_BadOption_ExitsTwo(string option, string value, string expected)
    {
        var (code, _, error) = Run("pomdp", "solve", "--spec", Spec("example.json"), option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Solve_MissingFile_ExitsTwo()
    {
        var (code, _, error) = Run("pomdp", "solve", "--spec", "no-such-spec.json");
        Assert.Equal(2, code);
        Assert.Contains("no-such-spec.json", error);
    }

    [Fact]
    public void Simulate_Json_ReportsFourPoliciesWithIntervals()
    {
        var (code, output, _) = Run("pomdp", "simulate", "--spec", Spec("example.json"), "--customers", "20000", "--seed", "3", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        var policies = root.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(["optimal", "myopic", "fixed-best", "random"], policies.Select(p => p.GetProperty("name").GetString()!).ToArray());
        foreach (var p in policies)
            Assert.True(p.GetProperty("ciLow").GetDouble() <= p.GetProperty("mean").GetDouble()
                        && p.GetProperty("mean").GetDouble() <= p.GetProperty("ciHigh").GetDouble());
        Assert.False(policies[3].TryGetProperty("exactValue", out _));   // random offers have no single sequence
        Assert.True(policies[0].GetProperty("exactValue").GetDouble() > policies[3].GetProperty("ciHigh").GetDouble());
    }

    [Fact]
    public void Simulate_ZeroCustomers_ExitsTwo()
    {
        var (code, _, error) = Run("pomdp", "simulate", "--spec", Spec("example.json"), "--customers", "0");
        Assert.Equal(2, code);
        Assert.Contains("--customers must be > 0", error);
    }
    private static string TempSpec(string json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kairos-pomdp-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Solve_ZeroRewards_PrintsValidJsonWithoutInfiniteRigorousSpacing()
    {
        // R_max = 0 makes every bound 0 and Corollary 2's h infinite: that used to crash the JSON writer.
        string path = TempSpec("""{"discount": 0.9, "profiles": [{"name": "a", "prior": 1, "f": [0.5]}], "products": [{"name": "p", "reward": 0, "zeta": [1]}]}""");
        try
        {
            var (code, output, _) = Run("pomdp", "solve", "--spec", path, "--json");
            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(output);
            Assert.False(doc.RootElement.TryGetProperty("rigorousSpacing", out _));   // null fields are omitted
            Assert.Equal(0, doc.RootElement.GetProperty("value").GetDouble());
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("--epsilon", "1e-300", "grid points")]
    [InlineData("--method", "exact", "belief states")]
    public void Solve_HugeProblem_ExitsTwoWithSizeAndNoParameterSuffix(string option, string value, string expected)
    {
        var args = new List<string> { "pomdp", "solve", "--spec", Spec("example.json"), option, value };
        if (option == "--method") args.AddRange(["--epsilon", "1e-12"]);
        var (code, output, error) = Run([.. args]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("(Parameter", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Solve_GroupedNoisyOr_BoundIsCertifiedAndSmall()
    {
        var (code, output, _) = Run("pomdp", "solve", "--spec", Spec("noisy-or-grouped.json"), "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        double bound = root.GetProperty("bound").GetDouble(), value = root.GetProperty("value").GetDouble();
        Assert.InRange(bound, 0.0092, 0.05);   // ≥ the tail β^n R_max; was ~105 with the digest's constants
        Assert.True(root.GetProperty("upperBound").GetDouble() >= value);
        Assert.True(root.GetProperty("aprioriBound").GetDouble() >= bound);
    }
}
