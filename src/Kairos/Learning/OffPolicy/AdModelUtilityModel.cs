using System.Collections.Concurrent;
using Kairos.Data.AdLogs;
using Kairos.Decisions;
using Kairos.Neural.AdDelivery;
using Kairos.Numerics;
using Kairos.PointProcesses;
using Kairos.Policies.AdDelivery;

namespace Kairos.Learning.OffPolicy;

/// <summary>
/// The fitted user model as the direct method of doubly robust estimates (<see cref="IUtilityModel"/>):
/// Q̂(h_k, a) = E[utility from decision k to the window's end | history before k, a at k, the evaluation policy after],
/// estimated by <see cref="Rollouts"/> trajectories drawn from the model's MAP network (<see cref="AdSampler"/>, exact)
/// from the logged history's state, with the evaluation policy deciding at every later simulated opportunity. All
/// decisions at one opportunity share their random streams (common random numbers), so Q̂ differences are not blurred
/// by independent noise. The policy's own state follows its network (a posterior member for Thompson, drawn per
/// rollout). Each user's Q̂ table is computed once, at the first question about that user.
/// </summary>
public sealed class AdModelUtilityModel : IUtilityModel
{
    private readonly AdPolicy _policy;
    private readonly ulong _seed;
    private readonly ConcurrentDictionary<AdUserLog, double[][]> _tables = new(ReferenceEqualityComparer.Instance);

    public AdModelUtilityModel(AdPolicy policy, int rollouts = 8, ulong seed = 0)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        Rollouts = Require.Positive(rollouts, nameof(rollouts));
        _seed = seed;
    }

    public int Rollouts { get; }

    public double ExpectedUtility(AdUserLog user, int decisionIndex, int decision) =>
        _tables.GetOrAdd(user, Table)[decisionIndex][decision];

    private double[][] Table(AdUserLog user)
    {
        var model = _policy.Model;
        int choices = model.Layout.Ads + 1;
        var table = new double[user.Decisions.Count][];
        var sim = new AdUserState(model.Map, user.Window.Start);
        var members = _policy is AdThompsonPolicy ? model.Posterior.Select(m => new AdUserState(m, user.Window.Start)).ToArray() : [];
        int k = 0;
        for (int i = 0; i < user.Events.Count && k < table.Length; i++)
        {
            var e = user.Events[i];
            sim.Step(e);
            foreach (var m in members) m.Step(e);
            if (e.Kind != EventKind.Opportunity) continue;
            table[k] = new double[choices];
            for (int r = 0; r < Rollouts; r++)
            {
                int key = (int)(DecisionRandom.KeyFor(_seed, user.User) & 0x7FFFFFFF);
                var own = members.Length == 0 ? null : members[r % members.Length];
                for (int a = 0; a < choices; a++)
                    table[k][a] += ToGo(sim, own, e.Time, a, user.Window.End, SeedSequence.Stream(key, (long)k * Rollouts + r)) / Rollouts;
            }
            k++;
        }
        return table;
    }

    /// <summary>One trajectory (<see cref="AdModelRollout"/>): decision <paramref name="first"/> at the opportunity whose state
    /// is <paramref name="at"/>, then the MAP network's events with the policy's decisions, to <paramref name="end"/>.</summary>
    private double ToGo(AdUserState at, AdUserState? member, double now, int first, double end, Random rng) =>
        AdModelRollout.ToGo(_policy.Model, at, member, now, first, end, _policy.Costs, Continue, rng);

    private int Continue(AdUserState world, AdUserState? own, Random rng)
    {
        Span<double> p = stackalloc double[_policy.Model.Layout.Ads + 1];
        var state = own ?? world;
        _policy.Probabilities(state, p);
        return Neural.TpprlCell.SampleFromProbabilities(p, rng.NextDouble());
    }
}
