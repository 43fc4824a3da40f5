using Kairos.Pomdp;

namespace Kairos.Tests.Pomdp;

/// <summary>The worked examples of the R&amp;VR digest §9 (values printed there from an independent stdlib-Python
/// implementation).</summary>
internal static class DigestExamples
{
    /// <summary>Example A: |S| = 4, K = 2, products A, B, C; β = 0.9.</summary>
    public static SequencingProblem A()
    {
        double[] phi0 = [0.4, 0.3, 0.2, 0.1], f1 = [0.9, 0.5, 0.8, 0.6], f2 = [0.6, 0.9, 0.7, 0.95];
        var profiles = new EnumeratedProfiles(["x1", "x2", "x3", "x4"], phi0,
            Enumerable.Range(0, 4).Select(x => (IReadOnlyList<double>)[f1[x], f2[x]]).ToList());
        return new SequencingProblem(profiles,
            [new Product("A", 1.0, [1, 0]), new Product("B", 1.2, [0, 1]), new Product("C", 1.1, [0.5, 0.5])], 0.9);
    }

    /// <summary>Example B: noisy-OR with n = K = 2, d = (0.5, 0.4), profiles 00, 10, 01, 11.</summary>
    public static SequencingProblem B() =>
        NoisyOr.FromCounts([0.5, 0.4],
            [([false, false], 0.3), ([true, false], 0.3), ([false, true], 0.25), ([true, true], 0.15)],
            [new Product("A", 1.0, [1, 0.5]), new Product("B", 1.5, [0.5, 1.5]), new Product("C", 1.2, [1, 1])], 0.9);

    public static string Letters(IReadOnlyList<int> sequence) => string.Concat(sequence.Select(u => (char)('A' + u)));
}
