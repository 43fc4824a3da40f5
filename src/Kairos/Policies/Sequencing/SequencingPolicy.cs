using Kairos.Decisions;
using Kairos.Pomdp;

namespace Kairos.Policies.Sequencing;

/// <summary>
/// A choice policy for the sequencing POMDP of Rusmevichientong &amp; Van Roy (UAI 2001): at each customer visit
/// (an opportunity) it offers one product (mark u) or nothing. Its per-customer state is the belief statistic
/// γ = Σ ζ_u over the rejected offers (the posterior is g(·, γ), digest (3.2)), the number of offers made and
/// whether the customer has bought (the process stops at the first purchase, digest (1.2)). Every policy of this
/// family declines once the customer has bought, and when no product can pay any more (R_u(1 − H_u(γ)) = 0 for all
/// u: the posterior then sits on profiles that never buy a paying product, and rejections do not move it off them).
/// </summary>
public abstract class SequencingPolicy : IDeliveryPolicy
{
    private const int SnapshotVersion = 1;

    /// <param name="problem">The model the policy believes.</param>
    /// <param name="kind">Stable kind name written into snapshots.</param>
    /// <param name="name">Display name (default: the kind).</param>
    /// <param name="numbers">The subclass's own parameters, hashed with the problem's.</param>
    protected SequencingPolicy(SequencingProblem problem, string kind, string? name, params double[] numbers)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        Kind = kind;
        Name = name ?? kind;
        ParameterHash = Decisions.ParameterHash.Of(kind, [.. ProblemFingerprint(problem), .. numbers],
            string.Join("\u001f", problem.Products.Select(p => p.Name)));
    }

    public SequencingProblem Problem { get; }
    public string Name { get; }
    public string Kind { get; }
    public DecisionModes Modes => DecisionModes.Choice;
    public string ParameterHash { get; }

    /// <summary>The decision at a visit of a customer who has not bought and to whom some product can still pay.</summary>
    internal abstract Decision Choose(SequencingState state, ref DecisionRandom random);

    public IPolicyState CreateState(PolicyContext context, DecisionRandom random)
    {
        CheckContext(context);
        return new SequencingState(this, random);
    }

    /// <summary>Snapshot (version 1): reals [γ_1..γ_K]; integers [offers made, bought (0/1), visits decided at,
    /// visits declined].</summary>
    public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        CheckContext(context);
        snapshot.EnsureFrom(this, Kind, SnapshotVersion);
        snapshot.EnsureShape(Problem.K, 4);
        var i = snapshot.Integers;
        if (i[0] < 0 || i[0] > int.MaxValue || i[1] is not (0 or 1) || i[2] < 0 || i[3] < 0 || i[3] > i[2]
            || snapshot.Reals.Any(g => !(g >= 0 && double.IsFinite(g))))
            throw new PolicyContextException($"snapshot of '{Kind}' holds an impossible state (offers {i[0]}, bought {i[1]}, " +
                $"visits {i[2]}, declines {i[3]}, γ [{string.Join(", ", snapshot.Reals)}]).");
        return new SequencingState(this, snapshot.Random, snapshot.Reals, (int)i[0], i[1] == 1, i[2], i[3]);
    }

    internal PolicySnapshot Snapshot(SequencingState s, DecisionRandom random) => new(Kind, SnapshotVersion, ParameterHash,
        random.Key, random.Index, s.Gamma.ToArray(), [s.Offers, s.Bought ? 1 : 0, s.Visits, s.Declines]);

    private void CheckContext(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.MarkCount != Problem.ProductCount)
            throw new PolicyContextException(
                $"policy '{Name}' offers {CountText.Of(Problem.ProductCount, "product")} but the context has {CountText.Of(context.MarkCount, "mark")}.");
    }

    // What the decisions depend on: rewards, ζ, β, K, |S|, and ln Z at each unit vector e_l and at each ζ_u (a
    // fingerprint of the prior and the basis functions, which the policy sees only through ln Z).
    private static IEnumerable<double> ProblemFingerprint(SequencingProblem problem)
    {
        yield return problem.Discount;
        yield return problem.K;
        yield return problem.Profiles.ProfileCount;
        var unit = new double[problem.K];
        for (int l = 0; l < problem.K; l++)
        {
            unit[l] = 1;
            yield return problem.LogPartition(unit);
            unit[l] = 0;
        }
        foreach (var p in problem.Products)
        {
            yield return p.Reward;
            foreach (double z in p.Zeta) yield return z;
            yield return problem.LogPartition(p.Zeta.ToArray());
        }
    }
}
