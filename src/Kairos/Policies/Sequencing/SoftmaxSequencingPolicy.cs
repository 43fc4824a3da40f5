using Kairos.Decisions;
using Kairos.Numerics;
using Kairos.Pomdp;

namespace Kairos.Policies.Sequencing;

/// <summary>
/// A stochastic choice policy: at each visit it offers u with probability
/// p_u ∝ exp(R_u(1 − H_u(γ))/τ) (a Boltzmann policy over the myopic values), and returns p_u as the decision's
/// probability. τ → 0 approaches the myopic policy; τ = +∞ offers uniformly at random (the random baseline of
/// <c>kairos pomdp simulate</c>). One uniform per decision from the counter-based stream, inverted through the
/// cumulative probabilities in product order.
/// </summary>
public sealed class SoftmaxSequencingPolicy : SequencingPolicy
{
    public const string KindName = "sequencing-softmax";

    /// <param name="problem">The model.</param>
    /// <param name="temperature">τ &gt; 0 (in reward units), or +∞ for uniform offers.</param>
    /// <param name="name">Display name (default: the kind).</param>
    public SoftmaxSequencingPolicy(SequencingProblem problem, double temperature, string? name = null)
        : base(problem, KindName, name, CheckTemperature(temperature)) => Temperature = temperature;

    public double Temperature { get; }

    /// <summary>The offer probabilities p_u at the customer's current γ.</summary>
    internal void Probabilities(SequencingState state, Span<double> p)
    {
        if (double.IsPositiveInfinity(Temperature)) { p.Fill(1.0 / p.Length); return; }
        double max = double.NegativeInfinity;
        for (int u = 0; u < p.Length; u++) max = Math.Max(max, p[u] = state.ImmediateValues[u] / Temperature);
        double sum = 0;
        for (int u = 0; u < p.Length; u++) sum += p[u] = Math.Exp(p[u] - max);
        for (int u = 0; u < p.Length; u++) p[u] /= sum;
    }

    internal override Decision Choose(SequencingState state, ref DecisionRandom random)
    {
        int n = Problem.ProductCount;
        Span<double> p = n <= 64 ? stackalloc double[n] : new double[n];
        Probabilities(state, p);
        double x = random.NextDouble(), c = 0;
        int u = 0;
        for (; u < n - 1; u++)
        {
            c += p[u];
            if (x < c) break;
        }
        return Decision.Act(u, p[u]);
    }

    private static double CheckTemperature(double t) => t > 0 && !double.IsNaN(t) ? t
        : throw new ArgumentOutOfRangeException(nameof(t), t, $"temperature must be > 0 (or +∞ for uniform offers), got {Require.Fmt(t)}.");
}
