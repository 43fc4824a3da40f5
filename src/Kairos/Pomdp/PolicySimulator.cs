using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>
/// Simulates customers: X ~ φ0, then offers until the first purchase (buy u w.p. p_u(X) = 1 − Π_l f_l(X)^{ζ_{u,l}}),
/// reward β^{t−1} R_u (digest (1.3)). Customers are simulated in blocks of 1024, block b on
/// <see cref="SeedSequence.Stream"/>(seed, b), so results do not depend on the thread count.
/// </summary>
public static class PolicySimulator
{
    private const int Block = 1024;

    /// <summary>Offers <paramref name="sequence"/> in order, or uniformly random products when it is null, for at most
    /// <paramref name="horizon"/> periods.</summary>
    public static SimulationResult Simulate(SequencingProblem problem, string policy, IReadOnlyList<int>? sequence,
        int horizon, int customers, int seed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Require.Positive(customers, nameof(customers));
        Require.Positive(horizon, nameof(horizon));
        if (sequence is not null) horizon = Math.Min(horizon, sequence.Count);
        int blocks = (customers + Block - 1) / Block;
        var sums = new (double Sum, double Squares, int Buys)[blocks];
        Parallel.For(0, blocks, b =>
        {
            var rng = SeedSequence.Stream(seed, b);
            Span<double> logF = stackalloc double[problem.K];
            double sum = 0, squares = 0;
            int buys = 0;
            for (int c = b * Block; c < Math.Min(customers, (b + 1) * Block); c++)
            {
                double r = Customer(problem, sequence, horizon, rng, logF);
                sum += r;
                squares += r * r;
                if (r > 0) buys++;
            }
            sums[b] = (sum, squares, buys);
        });
        double total = 0, totalSquares = 0;
        int totalBuys = 0;
        foreach (var (s, q, n) in sums) { total += s; totalSquares += q; totalBuys += n; }
        double mean = total / customers;
        double variance = customers > 1 ? Math.Max(0, (totalSquares - customers * mean * mean) / (customers - 1)) : 0;
        return new SimulationResult(policy, customers, mean, Math.Sqrt(variance / customers), (double)totalBuys / customers);
    }

    private static double Customer(SequencingProblem problem, IReadOnlyList<int>? sequence, int horizon, Random rng, Span<double> logF)
    {
        problem.Profiles.SampleLogBasis(rng, logF);
        double discount = 1;
        for (int t = 0; t < horizon; t++)
        {
            int u = sequence?[t] ?? rng.Next(problem.ProductCount);
            var product = problem.Products[u];
            double logQ = 0;
            for (int l = 0; l < logF.Length; l++) logQ += product.Zeta[l] * logF[l];
            if (rng.NextDouble() < -Fn.Expm1(logQ)) return discount * product.Reward;
            discount *= problem.Discount;
        }
        return 0;
    }
}
