using Kairos.Pomdp;

namespace Kairos.Tests.Pomdp;

/// <summary>Random small Assumption-1 problems for property tests (fixed seeds).</summary>
internal static class RandomProblems
{
    public static SequencingProblem Create(int seed, int profiles, int k, int products, double discount = 0.9, bool lattice = false)
    {
        var rng = new Random(seed);
        var prior = Enumerable.Range(0, profiles).Select(_ => 0.1 + rng.NextDouble()).ToArray();
        double sum = prior.Sum();
        var f = Enumerable.Range(0, profiles).Select(_ =>
            (IReadOnlyList<double>)Enumerable.Range(0, k).Select(_ => 0.3 + 0.7 * rng.NextDouble()).ToArray()).ToList();
        var set = new EnumeratedProfiles(Enumerable.Range(0, profiles).Select(x => $"x{x}").ToList(), prior.Select(p => p / sum).ToList(), f);
        var list = Enumerable.Range(0, products).Select(u => new Product(((char)('A' + u)).ToString(), 0.5 + rng.NextDouble(),
            Enumerable.Range(0, k).Select(_ => lattice ? 0.5 * rng.Next(0, 4) : 1.5 * rng.NextDouble()).ToArray())).ToList();
        return new SequencingProblem(set, list, discount);
    }
}
