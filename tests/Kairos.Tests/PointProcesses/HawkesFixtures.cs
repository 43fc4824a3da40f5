using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>Shared fixtures: the two-node timestamps of <c>tick</c>'s
/// lib/cpp-test/hawkes/model/hawkes_models_gtest.cpp (ecosystem.md §1.1) and seeded simulated data.</summary>
internal static class HawkesFixtures
{
    public static readonly double[] TickNode0 = { 0.31, 0.93, 1.29, 2.32, 4.25 };
    public static readonly double[] TickNode1 = { 0.12, 1.19, 2.12, 2.41, 3.35, 4.21 };

    /// <summary>tick's coeffs {1, 3, 2, 3, 4, 1}: μ = (1, 3), α = [[2, 3], [4, 1]], β = 2.</summary>
    public static HawkesExpKernel TickKernel() => new(new[] { 1.0, 3.0 }, new[,] { { 2.0, 3.0 }, { 4.0, 1.0 } }, 2.0);

    public static HawkesExpKernel MatrixKernel() =>
        new(new[] { 0.4, 0.7 }, new[,] { { 0.3, 0.2 }, { 0.25, 0.35 } }, new[,] { { 1.5, 0.8 }, { 2.5, 1.1 } });

    public static HawkesExpKernel SharedKernel() =>
        new(new[] { 0.4, 0.7 }, new[,] { { 0.3, 0.2 }, { 0.25, 0.35 } }, 1.3);

    public static double[] Univariate(double mu, double alpha, double beta, double horizon, int seed) =>
        new HawkesProcess(mu, alpha, beta).SimulateTimes(horizon, new Random(seed));

    public static double RelativeError(double actual, double expected) =>
        Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-300);
}
