using System.Text.Json;
using Kairos.Pomdp;

namespace Kairos.Tests.Pomdp;

public sealed class PomdpSpecTests
{
    private const string Valid = """
        {"discount": 0.9,
         "profiles": [{"name": "a", "prior": 0.5, "f": [0.9, 0.5]}, {"name": "b", "prior": 0.5, "f": [0.4, 0.8]}],
         "products": [{"name": "p1", "reward": 1.0, "zeta": [1.0, 0.0]}, {"name": "p2", "reward": 2.0, "zeta": [0.5, 0.5]},
                      {"name": "p3", "reward": 1.5, "zeta": [0.0, 1.0]}]}
        """;

    private static (SequencingProblem, IReadOnlyList<string>) Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return PomdpSpec.Parse(doc.RootElement, "spec.json", ".");
    }

    [Fact]
    public void Parse_ValidSpec_BuildsProblem()
    {
        var (problem, warnings) = Parse(Valid);
        Assert.Equal(3, problem.ProductCount);
        Assert.Equal(2, problem.K);
        Assert.Empty(warnings);
        Assert.Equal(0.9, problem.Discount);
    }

    [Theory]
    [InlineData("\"zeta\": [0.0, 1.0]", "\"zeta\": [0.0, -0.5]", "products[2].zeta[1]: must be >= 0, got -0.5")]
    [InlineData("\"discount\": 0.9", "\"discount\": 1.0", "discount: must lie in (0, 1), got 1")]
    [InlineData("\"f\": [0.4, 0.8]", "\"f\": [0.4, 1.2]", "profiles[1].f[1]: must lie in (0, 1], got 1.2")]
    [InlineData("\"f\": [0.4, 0.8]", "\"f\": [0.4, 0]", "profiles[1].f[1]: must lie in (0, 1], got 0")]
    [InlineData("\"f\": [0.4, 0.8]", "\"f\": [0.4]", "profiles[1].f: has 1 entry but profiles[0].f has 2")]
    [InlineData("\"reward\": 2.0", "\"reward\": -2.0", "products[1].reward: must be >= 0, got -2")]
    [InlineData("\"zeta\": [1.0, 0.0]", "\"zeta\": [1.0, 0.0, 3.0]", "products[0].zeta: has 3 entries, expected K = 2")]
    [InlineData("\"prior\": 0.5, \"f\": [0.9", "\"prior\": -0.5, \"f\": [0.9", "profiles[0].prior: must be > 0, got -0.5")]
    [InlineData("\"name\": \"p3\"", "\"name\": \"p1\"", "products[2].name: 'p1' is used twice")]
    public void Parse_BadField_NamesTheField(string from, string to, string expected)
    {
        var e = Assert.Throws<UserInputException>(() => Parse(Valid.Replace(from, to)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllAtOnce()
    {
        var e = Assert.Throws<UserInputException>(() => Parse(Valid.Replace("0.9,", "2,").Replace("\"reward\": 2.0", "\"reward\": \"x\"")));
        Assert.Contains("discount:", e.Message);
        Assert.Contains("products[1].reward: must be a number", e.Message);
    }

    [Fact]
    public void Parse_PriorsNotSummingToOne_NormalisesWithWarning()
    {
        var (problem, warnings) = Parse(Valid.Replace("\"prior\": 0.5, \"f\": [0.9", "\"prior\": 1.5, \"f\": [0.9"));
        Assert.Contains(warnings, w => w.Contains("priors sum to 2"));
        var profiles = Assert.IsType<EnumeratedProfiles>(problem.Profiles);
        Assert.Equal(0.75, profiles.Prior[0], 1e-15);
    }

    [Fact]
    public void Parse_NoisyOrWithMarginals_BuildsIndependentProfiles()
    {
        var (problem, _) = Parse("""
            {"discount": 0.8, "noisyOr": {"attributes": [{"name": "a", "baseProbability": 0.5, "marginal": 0.3},
                                                        {"name": "b", "baseProbability": 0.2, "marginal": 0.6}]},
             "products": [{"name": "p", "reward": 1, "zeta": [1, 2]}]}
            """);
        Assert.IsType<IndependentBinaryProfiles>(problem.Profiles);
        Assert.Equal(4, problem.Profiles.ProfileCount);
    }

    [Fact]
    public void Parse_BothProfileForms_IsRejected()
    {
        var e = Assert.Throws<UserInputException>(() => Parse(Valid.Replace("\"discount\": 0.9,", "\"discount\": 0.9, \"noisyOr\": {},")));
        Assert.Contains("exactly one of", e.Message);
    }

    [Fact]
    public void Load_ExampleFiles_ParseAndCustomersCsvGivesExampleB()
    {
        string dir = RepoData();
        var (b, _) = PomdpSpec.Load(Path.Combine(dir, "noisy-or-customers.json"));
        Assert.Equal(0.922027672645, RejectionCountDp.Solve(b, 46).Value, 5e-13);
        Assert.Equal(3, PomdpSpec.Load(Path.Combine(dir, "example.json")).Problem.ProductCount);
        Assert.Equal(8, PomdpSpec.Load(Path.Combine(dir, "noisy-or.json")).Problem.Profiles.ProfileCount);
    }

    internal static string RepoData()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "data", "pomdp"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("data/pomdp not found above the test binaries"), "data", "pomdp");
    }
}
