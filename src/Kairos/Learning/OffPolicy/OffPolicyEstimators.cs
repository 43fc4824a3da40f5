using Kairos.Data.AdLogs;
using Kairos.Decisions;

namespace Kairos.Learning.OffPolicy;

/// <summary>
/// Off-policy estimates of an evaluation policy's mean utility per user from logged propensities, per decision
/// (rewards before decision k are weighted by the ratios up to k only, since later decisions cannot change them):
/// <list type="bullet">
/// <item>IPS: per-decision importance sampling (Precup, Sutton &amp; Singh 2000), V = mean_u [R0 + Σ_k w_{1:k} r_k].</item>
/// <item>SNIPS: the self-normalized (weighted) per-decision form, Σ_k Σ_u w_{u,1:k} r_{u,k} / Σ_u w_{u,1:k}, users with
/// fewer decisions keeping their last weight and reward 0; its standard error by the delta method (linearization).</item>
/// <item>DR: per-decision doubly robust (Jiang &amp; Li 2016; Thomas &amp; Brunskill 2016, γ = 1),
/// mean_u [R0 + Σ_k (w_{1:k} r_k − w_{1:k} Q̂_k(a_k) + w_{1:k−1} V̂_k)], V̂_k = Σ_a π_e(a|h_k) Q̂_k(a), with Q̂ from an
/// <see cref="IUtilityModel"/>. Unbiased with correct propensities whatever the model; a good model lowers its variance.</item>
/// </list>
/// Standard errors: sd/√n over users for IPS and DR, the delta method for SNIPS. Intervals: the studentized bootstrap
/// over users (<see cref="StudentizedBootstrap"/>, <paramref name="resamples"/> resamples keyed by the seed), which
/// follows the strong right skew that products of ~17 per-decision ratios give these estimators; with
/// <c>resamples</c> = 0, the normal interval. Needs propensities (refused otherwise).
/// </summary>
public static class OffPolicyEstimators
{
    public sealed record Result(OffPolicyEstimate Ips, OffPolicyEstimate Snips, OffPolicyEstimate? Dr, int Users);

    public static Result Estimate(AdLogSet log, IDeliveryPolicy policy, IUtilityModel? model = null, ulong seed = 0, int threads = -1,
        int resamples = StudentizedBootstrap.DefaultResamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        log.RequirePropensities("off-policy evaluation");
        if ((policy.Modes & DecisionModes.Choice) == 0)
            throw new UserInputException($"policy '{policy.Name}' makes no choice decisions; off-policy evaluation of ad delivery needs a choice policy.");
        var users = new ReplayedUser[log.Users.Count];
        Parallel.For(0, users.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
            u => users[u] = PolicyReplay.Replay(log.Users[u], policy, log.Names, seed));
        if (users.Length < 2) throw new UserInputException("off-policy evaluation needs at least 2 logged users.");
        var cumulative = users.Select(Cumulative).ToArray();
        double ess = Ess(cumulative.Select(w => w.Length == 0 ? 1 : w[^1]));
        var ipsValues = users.Select((x, u) => x.R0 + Dot(cumulative[u], x.Reward)).ToArray();
        var ips = WithInterval("ips", c => StudentizedBootstrap.Mean(ipsValues, c), 1);
        var selfNormalized = new SelfNormalizedIps(users, cumulative);
        var snips = WithInterval("snips", selfNormalized.Estimate, 2);
        OffPolicyEstimate? dr = null;
        if (model is not null)
        {
            var values = new double[users.Length];
            Parallel.For(0, users.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
                u => values[u] = DoublyRobust(log.Users[u], users[u], cumulative[u], model));
            dr = WithInterval("dr", c => StudentizedBootstrap.Mean(values, c), 3);
        }
        return new Result(ips, snips, dr, users.Length);

        OffPolicyEstimate WithInterval(string method, StudentizedBootstrap.Statistic statistic, long stream)
        {
            var ones = new int[users.Length];
            Array.Fill(ones, 1);
            var (value, se) = statistic(ones);
            var estimate = new OffPolicyEstimate(method, value, se, ess);
            return resamples == 0 ? estimate : estimate with
            {
                Bootstrap = StudentizedBootstrap.Interval(users.Length, statistic, resamples,
                    DecisionRandom.KeyFor((long)seed, stream), threads: threads),
            };
        }
    }

    /// <summary>w_{1:k} for every decision k.</summary>
    private static double[] Cumulative(ReplayedUser x)
    {
        var w = new double[x.Count];
        double prod = 1;
        for (int k = 0; k < x.Count; k++) w[k] = prod *= x.Ratio[k];
        return w;
    }

    private static double DoublyRobust(AdUserLog user, ReplayedUser x, double[] w, IUtilityModel model)
    {
        double v = x.R0, before = 1;
        for (int k = 0; k < x.Count && before > 0; k++)
        {
            var p = x.Target[k]!;
            double vHat = 0;
            for (int a = 0; a < p.Length; a++)
                if (p[a] > 0) vHat += p[a] * model.ExpectedUtility(user, k, a);
            double qHat = w[k] == 0 ? 0 : model.ExpectedUtility(user, k, user.DecisionMark(k));
            v += w[k] * x.Reward[k] - w[k] * qHat + before * vHat;
            before = w[k];
        }
        return v;
    }

    private static double Ess(IEnumerable<double> weights)
    {
        double s = 0, s2 = 0;
        foreach (var w in weights) { s += w; s2 += w * w; }
        return s2 == 0 ? 0 : s * s / s2;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
