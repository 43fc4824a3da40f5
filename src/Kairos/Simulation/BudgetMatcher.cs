using Kairos.Numerics;
using Kairos.Decisions;

namespace Kairos.Simulation;

/// <summary>
/// Budget matching as in TPPRL's evaluation (§5.2 of the digest): a baseline's rate knob is bisected until its mean
/// number of actions over a set of tuning episodes matches the budget within a relative tolerance. The tuning
/// episodes use a stream derived from the seed with a fixed salt, so they never coincide with evaluation
/// episodes run with the same seed, and common random numbers across knob values make the mean count a
/// (nearly) monotone function of the knob.
/// </summary>
public static class BudgetMatcher
{
    /// <summary>Salt mixed into the tuning seed ("tune").</summary>
    public const long TuningSalt = 0x74756E65;

    /// <param name="env">The environment.</param>
    /// <param name="factory">Builds the policy for a knob value &gt; 0; the mean number of actions must increase with it.</param>
    /// <param name="initialKnob">A first guess (&gt; 0).</param>
    /// <param name="budget">Target mean number of actions per episode (&gt; 0).</param>
    /// <param name="seed">Run seed; tuning episode i uses stream (Derive(seed, salt), i).</param>
    /// <param name="episodes">Number of tuning episodes (the authors used 20).</param>
    /// <param name="relativeTolerance">Stop when |mean − budget| ≤ tolerance · budget (default 1%).</param>
    public static BudgetMatch Match(IEnvironment env, Func<double, IDeliveryPolicy> factory, double initialKnob,
        double budget, int seed, int episodes = 20, double relativeTolerance = 0.01, int maxEvaluations = 80)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(factory);
        Require.Positive(initialKnob, nameof(initialKnob));
        Require.Positive(budget, nameof(budget));
        Require.Positive(episodes, nameof(episodes));
        int tuneSeed = SeedSequence.Derive(seed, TuningSalt);
        int evaluations = 0;
        BudgetMatch? best = null;

        BudgetMatch Try(double knob)
        {
            var policy = factory(knob);
            double mean = MeanActions(env, policy, tuneSeed, episodes);
            evaluations++;
            var m = new BudgetMatch(policy, knob, mean, budget, evaluations,
                Math.Abs(mean - budget) <= relativeTolerance * budget);
            if (best is null || Math.Abs(mean - budget) < Math.Abs(best.MeanActions - budget)) best = m;
            return m;
        }

        var first = Try(initialKnob);
        if (first.WithinTolerance) return first with { Evaluations = evaluations };
        // Bracket geometrically, then bisect in log space.
        double lo = initialKnob, hi = initialKnob;
        if (first.MeanActions < budget)
        {
            do { lo = hi; hi *= 2; } while (evaluations < maxEvaluations && Try(hi) is { WithinTolerance: false } h && h.MeanActions < budget);
        }
        else
        {
            do { hi = lo; lo /= 2; } while (evaluations < maxEvaluations && Try(lo) is { WithinTolerance: false } l && l.MeanActions > budget);
        }
        while (!best!.WithinTolerance && evaluations < maxEvaluations)
        {
            double mid = Math.Sqrt(lo * hi);
            var m = Try(mid);
            if (m.MeanActions < budget) lo = mid; else hi = mid;
        }
        return best with { Evaluations = evaluations };
    }

    /// <summary>Mean number of own actions of <paramref name="policy"/> over episodes 0..n−1 of stream <paramref name="seed"/>.</summary>
    public static double MeanActions(IEnvironment env, IDeliveryPolicy policy, int seed, int episodes)
    {
        var counts = new int[episodes];
        Parallel.For(0, episodes, i => counts[i] = EpisodeRunner.Run(env, policy, seed, i).Actions);
        return counts.Average();
    }
}
