using System.Text.Json;
using Kairos.Cli;
using Kairos.Environments.SpacedRepetition;
using Kairos.Numerics;
using Kairos.Policies;
using Kairos.Scenarios;

namespace Kairos.Tests.Cli.Commands;

public sealed class EvaluateSpacedRepetitionTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kairos-sr-eval-" + Guid.NewGuid().ToString("N"));

    public EvaluateSpacedRepetitionTests() => Directory.CreateDirectory(_dir);
    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Out, string Err) Run(params string[] args) => Kairos.Tests.Cli.CliRunner.RunTuple(args);

    /// <summary>A near-Poisson TPPRL policy at <paramref name="rate"/> reviews/day, saved like `kairos train` does.</summary>
    private string SavePolicy(string file, double rate, bool wtZero)
    {
        var env = new SpacedRepetitionScenario().CreateEnvironment();
        var policy = NeuralTppPolicy.Initialize(env.Spec.Context, new Random(7), hidden: 3, fixedZeroDecay: wtZero, initialRate: rate);
        string path = Path.Combine(_dir, file);
        NeuralTppPolicyFile.Save(policy, path, "spaced-repetition");
        return path;
    }

    [Fact]
    public void Evaluate_WithTpprlFiles_PrintsAllPoliciesWithBaselinesMatchedToTpprl()
    {
        // Given a TPPRL policy (~500 reviews) and a w_t = 0 one
        string tpprl = SavePolicy("a.json", 36, wtZero: false), wt0 = SavePolicy("b.json", 20, wtZero: true);
        // When all baselines and both are evaluated (the scenario's defaults match baselines to the first tpprl)
        var (code, output, err) = Run("evaluate", "spaced-repetition", "--policies",
            $"uniform,memorize,threshold,cram,oracle,tpprl:{tpprl},tpprl:{wt0}", "--episodes", "30", "--seed", "5", "--json");
        // Then the JSON has the shared shape, the issue's names and metrics, and matched review counts
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("spaced-repetition", root.GetProperty("environment").GetString());
        Assert.Equal(30, root.GetProperty("episodes").GetInt32());
        var policies = root.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(["uniform", "memorize", "threshold", "cram", "oracle", "tpprl", "tpprl-wt0"],
            policies.Select(p => p.GetProperty("name").GetString()));
        double budget = policies[5].GetProperty("actions").GetProperty("mean").GetDouble();
        Assert.Equal(budget, root.GetProperty("budget").GetDouble(), 10);
        Assert.InRange(budget, 400, 600);
        foreach (var p in policies.Take(5))
        {
            double reviews = p.GetProperty("actions").GetProperty("mean").GetDouble();
            // Matched to 1% on the tuning episodes; 30 held-out episodes add ≈ 0.8% (one s.d.) of Poisson-like noise.
            Assert.True(Math.Abs(reviews - budget) <= 0.03 * budget, $"{p.GetProperty("name")}: {reviews} reviews vs budget {budget}");
        }
        Assert.InRange(policies[6].GetProperty("actions").GetProperty("mean").GetDouble(), 200, 360);   // not matched: its own count
        foreach (var p in policies)
            foreach (var m in new[] { "recall", "expected_recall", "reviewed_difficulty", "reviews_per_day" })
            {
                var s = p.GetProperty("metrics").GetProperty(m);
                foreach (var k in new[] { "mean", "median", "q1", "q3" }) Assert.Equal(JsonValueKind.Number, s.GetProperty(k).ValueKind);
            }
    }

    [Fact]
    public void Evaluate_PolicyTrainedOnTheTimedVariant_RunsOnItsOwnEnvironmentBesideTheOthers()
    {
        // Given a policy file of spaced-repetition-timed (extra inputs) and one of spaced-repetition
        var timed = new TimedSpacedRepetitionScenario();
        var policy = NeuralTppPolicy.Initialize(timed.CreateEnvironment().Spec.Context, new Random(3), hidden: 3, timed.EventFeatures, initialRate: 30);
        string timedPath = Path.Combine(_dir, "timed.json");
        NeuralTppPolicyFile.Save(policy, timedPath, timed.Name);
        string plain = SavePolicy("plain.json", 30, wtZero: false);
        // When both are evaluated on spaced-repetition
        var (code, output, err) = Run("evaluate", "spaced-repetition", "--policies", $"cram,tpprl:{timedPath},tpprl:{plain}",
            "--episodes", "4", "--seed", "1", "--json");
        // Then the timed one is named tpprl-timed and cram is matched to it (the first learned policy)
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var p = doc.RootElement.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(["cram", "tpprl-timed", "tpprl"], p.Select(x => x.GetProperty("name").GetString()));
        Assert.Equal(p[1].GetProperty("actions").GetProperty("mean").GetDouble(), doc.RootElement.GetProperty("budget").GetDouble(), 10);
        // And on the plain scenario alone, the timed file is rejected for its inputs
        var bad = Run("evaluate", "toy-counting", "--policies", $"tpprl:{timedPath}", "--episodes", "2");
        Assert.Equal(2, bad.Code);
    }

    [Fact]
    public void Evaluate_DefaultTpprlMissing_IsAnErrorNamingTheTrainCommandAndTrainsNothing()
    {
        // Given an empty model folder
        string models = Path.Combine(_dir, "models");
        // When bare `tpprl` and `tpprl-wt0` are asked for
        var (code, output, err) = Run("evaluate", "spaced-repetition", "--policies", "cram,tpprl,tpprl-wt0", "--models", models,
            "--episodes", "3", "--seed", "2", "--json");
        // Then it is a user error per missing file, each naming the command that makes it, and nothing is trained
        Assert.Equal(2, code);
        Assert.Equal("", output);
        string path = Path.Combine(models, "spaced-repetition.tpprl.json"), wt0 = Path.Combine(models, "spaced-repetition.tpprl-wt0.json");
        Assert.Contains($"error: --policies {path}: no such policy file; make it with `kairos train spaced-repetition --out {path}`", err);
        Assert.Contains($"`kairos train spaced-repetition --wt-zero --out {wt0}`", err);
        Assert.False(Directory.Exists(models));
    }

    [Fact]
    public void Train_SpacedRepetitionDefaults_WriteToTheDefaultPathWithTheScenarioRecipe()
    {
        // Given the scenario's defaults (expected_recall − cost per review, near-Poisson start)
        string path = Path.Combine(_dir, "p.json");
        var (code, output, err) = Run("train", "spaced-repetition-timed", "--iterations", "2", "--batch", "2", "--eval-every", "0",
            "--out", path, "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("expected_recall", doc.RootElement.GetProperty("rewardMetric").GetString());
        Assert.Equal(SpacedRepetitionScenario.DefaultReviewCost, doc.RootElement.GetProperty("actionCost").GetDouble());
        // The near-Poisson start reviews at about the uniform baseline's rate for 1,000 reviews.
        Assert.InRange(doc.RootElement.GetProperty("finalBatch").GetProperty("actions").GetDouble(), 500, 1500);
        var loaded = NeuralTppPolicyFile.Load(path, new DeadlineFeatures());
        Assert.Equal(new TimedSpacedRepetitionScenario().CreateEnvironment().Spec.FeedbackSize + 2, loaded.Layout.FeatureSize);

        // --initial-rate 0 restores the authors' initialisation: w = −|U(0,1)| < 0 and b = +|N(0,1)|, not ln(1000/14)
        string authors = Path.Combine(_dir, "authors.json");
        var a = Run("train", "spaced-repetition", "--iterations", "1", "--batch", "2", "--eval-every", "0", "--lr", "1e-9",
            "--initial-rate", "0", "--out", authors, "--json");
        Assert.True(a.Code == 0, a.Err);
        var p = NeuralTppPolicyFile.Load(authors, null);
        Assert.True(p.Parameters[p.Layout.W] < 0);
        Assert.NotEqual(Math.Log(1000.0 / 14), p.Parameters[p.Layout.B], 3);
    }
}
