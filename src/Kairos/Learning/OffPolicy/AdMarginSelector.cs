using Kairos.Data.AdLogs;
using Kairos.Decisions;
using Kairos.PointProcesses;
using Kairos.Policies.AdDelivery;

namespace Kairos.Learning.OffPolicy;

/// <summary>One logged user replayed through a planner: the utility before the first decision (R0), and per logged decision
/// k the utility from it to the next one (its cost and the conversions in between), the logged decision (0 = none, d = ad
/// d), the logging policy's probability of it, and the planner's Q(0..D) there. The planner's state follows the logged
/// decisions, so Q does not depend on what the planner itself would have decided.</summary>
public sealed record AdPlannerTrace(double R0, double[] Reward, int[] Logged, double[] Propensity, double[][] Q);

/// <summary>The self-normalized per-decision IPS estimate of the planner's utility per user at one delivery margin, its
/// delta-method standard error, and the share of the logged opportunities at which the planner would deliver.</summary>
public sealed record AdMarginEstimate(double Margin, double Snips, double StandardError, double ActShare);

/// <summary>The margin chosen (the largest SNIPS estimate; the smallest margin on ties), every candidate's estimate, and
/// the number of logged users it was chosen on.</summary>
public sealed record AdMarginSelection(double Margin, IReadOnlyList<AdMarginEstimate> Candidates, int Users);

/// <summary>
/// Off-policy choice of a planner's delivery margin m (<see cref="AdPlanningPolicy.Margin"/>: deliver the best ad only when
/// Q(ad) − Q(none) &gt; m), against a model that is optimistic about ads (docs/ad-delivery.md, "Delivery margin"): on logged
/// users the model was not fitted to, the planner's Q is recorded once at every logged opportunity
/// (<see cref="Trace(AdLogSet, AdPlanningPolicy, ulong, int)"/>); the decision under any margin then follows from Q, and each
/// candidate margin's value is the per-decision self-normalized IPS estimate (<see cref="SelfNormalizedIps"/>) with ratios
/// 1[logged = π_m(h_k)]/π_0(logged | h_k). The margin with the largest estimate is chosen. Deterministic given the seed
/// (the planner's rollouts are keyed by the user and the decision), at any thread count.
/// </summary>
public static class AdMarginSelector
{
    /// <summary>Default candidates, in conversion-value units (the costs of the simulator's ads are 0.02, 0.05 and 0.10).</summary>
    public static readonly double[] DefaultMargins = [0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2];

    public static AdPlannerTrace[] Trace(AdLogSet log, AdPlanningPolicy policy, ulong seed, int threads = -1)
    {
        log.RequirePropensities("choosing a delivery margin off-policy");
        var traces = new AdPlannerTrace[log.Users.Count];
        Parallel.For(0, traces.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
            u => traces[u] = Trace(log.Users[u], policy, log.Names, seed));
        return traces;
    }

    /// <summary>Replays one user as <see cref="PolicyReplay"/> does (same decision stream, steps and draws), recording Q.</summary>
    public static AdPlannerTrace Trace(AdUserLog user, AdPlanningPolicy policy, AdMarkNames names, ulong seed)
    {
        int conversion = names.ConversionMark, n = user.Decisions.Count;
        var context = new PolicyContext(names.AdCount, 0, user.Window.Duration, user.Window.Start, "days");
        var state = (AdPolicyState)policy.CreateState(context, new DecisionRandom(DecisionRandom.KeyFor(seed, user.User)));
        var reward = new double[n];
        var logged = new int[n];
        var propensity = new double[n];
        var q = new double[n][];
        double r0 = 0;
        int k = -1;
        foreach (var e in user.Events)
        {
            if (e.Kind == EventKind.Feedback)
            {
                if (e.Mark == conversion) { if (k < 0) r0 += e.Value ?? 0; else reward[k] += e.Value ?? 0; }
                state.Observe(e, []);
                continue;
            }
            if (e.Kind == EventKind.Opportunity) continue;
            k++;
            reward[k] -= e.Value ?? 0;
            logged[k] = e.Mark;
            propensity[k] = user.Propensities[k] ?? throw new InvalidOperationException("a trace needs propensities.");
            q[k] = state.ReplayValues(new Event(e.Time, EventKind.Opportunity), AdMarks.ToDecision(e.Mark));
            if (e.Mark != AdMarks.None) state.Observe(e with { Mark = AdMarks.ToDecision(e.Mark) }, []);
        }
        return new AdPlannerTrace(r0, reward, logged, propensity, q);
    }

    /// <summary>SNIPS of the planner with delivery margin <paramref name="margin"/> on the traced users.</summary>
    public static AdMarginEstimate Estimate(IReadOnlyList<AdPlannerTrace> traces, double margin)
    {
        if (traces.Count < 2) throw new ArgumentException("choosing a margin needs at least 2 logged users.", nameof(traces));
        var cumulative = new double[traces.Count][];
        int acts = 0, decisions = 0;
        for (int u = 0; u < traces.Count; u++)
        {
            var t = traces[u];
            var w = cumulative[u] = new double[t.Reward.Length];
            double product = 1;
            for (int k = 0; k < w.Length; k++)
            {
                int d = AdPlanningPolicy.Choose(t.Q[k], margin);
                if (d != 0) acts++;
                decisions++;
                w[k] = product *= d == t.Logged[k] ? 1 / t.Propensity[k] : 0;
            }
        }
        var snips = new SelfNormalizedIps(traces.Select(t => t.R0).ToArray(), traces.Select(t => t.Reward).ToArray(), cumulative);
        var ones = new int[traces.Count];
        Array.Fill(ones, 1);
        var (value, se) = snips.Estimate(ones);
        return new AdMarginEstimate(margin, value, se, decisions == 0 ? 0 : acts / (double)decisions);
    }

    /// <summary>Every candidate's estimate and the margin with the largest (the smallest such margin on ties).</summary>
    public static AdMarginSelection Select(IReadOnlyList<AdPlannerTrace> traces, IReadOnlyList<double> margins)
    {
        if (margins.Count == 0 || margins.Any(m => !(m >= 0) || !double.IsFinite(m)))
            throw new ArgumentException("the candidate margins must be finite numbers >= 0, at least one.", nameof(margins));
        var candidates = margins.Order().Select(m => Estimate(traces, m)).ToList();
        var best = candidates[0];
        foreach (var c in candidates)
            if (c.Snips > best.Snips) best = c;
        return new AdMarginSelection(best.Margin, candidates, traces.Count);
    }
}
