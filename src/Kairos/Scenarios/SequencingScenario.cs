using Kairos.Decisions;
using Kairos.Environments.Sequencing;
using Kairos.Policies.Sequencing;
using Kairos.Pomdp;
using Kairos.Simulation;

namespace Kairos.Scenarios;

/// <summary>`sequencing`: the R&amp;VR sequencing POMDP as a choice setting (see <see cref="SequencingEnvironment"/>) on
/// the digest's Example A (4 profiles, K = 2, products A, B, C, β = 0.9) over n(0.01) = 46 visits. Baselines are
/// choice policies: "grid" (the grid solver's policy, optimal here: lattice-exact h = 0.5), "myopic",
/// "softmax" (τ = 0.05 over the myopic values) and "random" (uniform offers). They have no rate to tune, so an
/// action budget does not apply.</summary>
public sealed class SequencingScenario : IScenario
{
    public const double Epsilon = 0.01;
    public const double SoftmaxTemperature = 0.05;

    public string Name => "sequencing";
    public string Description => "Sequencing POMDP (R&VR 2001, digest Example A): offer one of 3 products or none at each of 46 customer visits, until the first purchase.";
    public string PrimaryMetric => "reward";
    public IReadOnlyList<string> BaselineNames => ["grid", "myopic", "softmax", "random"];

    /// <summary>Example A of the digest (§9).</summary>
    public static SequencingProblem Problem()
    {
        double[] phi0 = [0.4, 0.3, 0.2, 0.1], f1 = [0.9, 0.5, 0.8, 0.6], f2 = [0.6, 0.9, 0.7, 0.95];
        var profiles = new EnumeratedProfiles(["x1", "x2", "x3", "x4"], phi0,
            Enumerable.Range(0, 4).Select(x => (IReadOnlyList<double>)[f1[x], f2[x]]).ToList());
        return new SequencingProblem(profiles,
            [new Product("A", 1.0, [1, 0]), new Product("B", 1.2, [0, 1]), new Product("C", 1.1, [0.5, 0.5])], 0.9);
    }

    public IEnvironment CreateEnvironment()
    {
        var problem = Problem();
        return new SequencingEnvironment(problem, problem.Horizon(Epsilon));
    }

    public IDeliveryPolicy CreateBaseline(string name, double? actionBudget, int seed)
    {
        if (!BaselineNames.Contains(name))
            throw new UserInputException($"unknown baseline '{name}' for {Name}.{DidYouMean.Hint(name, BaselineNames)} Valid: {string.Join(", ", BaselineNames)}");
        if (actionBudget is not null)
            throw new UserInputException($"the {Name} baselines are choice policies with no rate to tune; an action budget does not apply to them.");
        var problem = Problem();
        return name switch
        {
            "grid" => GridSequencingPolicy.Solve(problem, Epsilon, name: name),
            "myopic" => new MyopicSequencingPolicy(problem, name),
            "softmax" => new SoftmaxSequencingPolicy(problem, SoftmaxTemperature, name),
            "random" => new SoftmaxSequencingPolicy(problem, double.PositiveInfinity, name),
            _ => throw new InvalidOperationException($"baseline '{name}' is listed but not built."),
        };
    }
}
