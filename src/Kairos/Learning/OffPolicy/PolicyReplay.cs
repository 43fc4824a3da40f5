using Kairos.Data.AdLogs;
using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Learning.OffPolicy;

/// <summary>
/// Replays a logged user through an evaluation policy's state: feedback is observed, and at each opportunity the
/// policy's probability of the logged decision is read (<see cref="IReplayableChoiceState"/> for stochastic policies;
/// a deterministic policy's Decide, probability 1, otherwise) and the logged decision is followed. The user's
/// decision stream is keyed by (seed, user), as in the decision service.
/// </summary>
public static class PolicyReplay
{
    public static ReplayedUser Replay(AdUserLog user, IDeliveryPolicy policy, AdMarkNames names, ulong seed)
    {
        int m = names.AdCount, conversion = names.ConversionMark;
        var context = new PolicyContext(m, 0, user.Window.Duration, user.Window.Start, "days");
        var state = policy.CreateState(context, new DecisionRandom(DecisionRandom.KeyFor(seed, user.User)));
        var replayable = state as IReplayableChoiceState;
        int n = user.Decisions.Count;
        var reward = new double[n];
        var ratio = new double[n];
        var target = new double[]?[n];
        double r0 = 0;
        bool alive = true;
        int k = -1;
        foreach (var e in user.Events)
        {
            if (e.Kind == EventKind.Feedback)
            {
                if (e.Mark == conversion) { if (k < 0) r0 += e.Value ?? 0; else reward[k] += e.Value ?? 0; }
                if (alive) state.Observe(e, []);
                continue;
            }
            if (e.Kind == EventKind.Opportunity) continue;
            k++;
            reward[k] -= e.Value ?? 0;
            if (!alive) continue;
            int logged = e.Mark;
            var p = new double[m + 1];
            var opportunity = new Event(e.Time, EventKind.Opportunity);
            if (replayable is not null) replayable.Replay(opportunity, [], p, AdMarks.ToDecision(logged));
            else
            {
                var d = state.Decide(opportunity, []);
                if (d.Probability != 1)
                    throw new UserInputException($"policy '{policy.Name}' is stochastic (it gave a decision probability of " +
                        $"{d.Probability:G4}) but cannot report the probabilities of the other decisions; off-policy evaluation needs them.");
                p[AdMarks.FromDecision(d.Mark)] = 1;
            }
            double logging = user.Propensities[k] ?? throw new InvalidOperationException("replay needs propensities; check RequirePropensities first.");
            ratio[k] = p[logged] / logging;
            target[k] = p;
            if (ratio[k] == 0) { alive = false; continue; }
            if (logged != AdMarks.None) state.Observe(e with { Mark = AdMarks.ToDecision(logged) }, []);
        }
        return new ReplayedUser(r0, reward, ratio, target);
    }
}
