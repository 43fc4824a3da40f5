using Kairos.Data.AdLogs;
using Kairos.Learning.OffPolicy;
using Kairos.Policies.AdDelivery;

namespace Kairos.Evaluation;

/// <summary>One policy's off-policy estimates of its mean utility per user from a log with propensities.</summary>
public sealed record AdOffPolicyRow(string Policy, OffPolicyEstimate Ips, OffPolicyEstimate Snips, OffPolicyEstimate Dr, int Users);

/// <summary>
/// IPS, SNIPS and DR estimates (<see cref="OffPolicyEstimators"/>) of ad-delivery policies from a logged data set, the
/// DR direct method being each policy's own fitted user model (<see cref="AdModelUtilityModel"/>): what `evaluate
/// ad-delivery --logs` reports beside the simulator's true value.
/// </summary>
public static class AdOffPolicyEvaluation
{
    public static IReadOnlyList<AdOffPolicyRow> Run(IReadOnlyList<AdPolicy> policies, AdLogSet log, int seed, int rollouts = 8, int threads = -1)
    {
        log.RequirePropensities("off-policy evaluation");
        foreach (var p in policies.Where(p => p.Model.Layout.Ads != log.AdCount))
            throw new UserInputException($"{log.Source}: the log has {CountText.Of(log.AdCount, "ad")} but policy '{p.Name}' delivers {p.Model.Layout.Ads}.");
        return policies.Select(p =>
        {
            var r = OffPolicyEstimators.Estimate(log, p, new AdModelUtilityModel(p, rollouts, (ulong)seed), (ulong)seed, threads);
            return new AdOffPolicyRow(p.Name, r.Ips, r.Snips, r.Dr!, r.Users);
        }).ToList();
    }
}
