using Kairos.Neural;
using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;
using Kairos.Policies.AdDelivery;

namespace Kairos.Learning.AdDelivery;

/// <summary>
/// One simulated user under a softmax policy: user events drawn exactly from <paramref name="truth"/> (a posterior
/// draw, <see cref="AdSampler"/>) on [0, horizon], decisions from π_ξ on the encoder's state of the same history.
/// Returns the utility S = Σ conversion values − Σ costs of the ads delivered. When a <see cref="AdTrajectory"/> is
/// given it records, per decision k, its time and score ∇_ξ log π_ξ(d_k | h_k) = (e_{d_k} − π_k) ⊗ [h_k; 1], and every
/// utility increment with its time, so the trainer can weight each score by the utility that followed it.
/// </summary>
public static class AdRollout
{
    public readonly record struct Outcome(double Utility, double Value, int Actions, int Opportunities);

    public static Outcome Run(AdNetwork truth, AdNetwork encoder, AdModel model, ReadOnlySpan<double> xi, IReadOnlyList<double> costs, Random rng,
        AdTrajectory? trajectory = null)
    {
        var layout = model.Layout;
        var sim = new AdUserState(truth);
        var enc = ReferenceEquals(truth, encoder) ? null : new AdUserState(encoder);
        int n = layout.Hidden, decisions = layout.Ads + 1, actions = 0, opportunities = 0;
        Span<double> p = stackalloc double[decisions];
        double value = 0, cost = 0, t = 0;
        trajectory?.Clear();
        while (true)
        {
            var next = AdSampler.Next(truth, sim.H, model.ValuedMarks, rng);
            t += next.Gap;
            if (!(t <= model.Horizon)) break;
            var e = new Event(t, next.Kind, next.Mark, next.Value);
            Step(sim, enc, e);
            if (next.Kind == EventKind.Feedback)
            {
                if (next.Mark == model.ConversionMark)
                {
                    value += next.Value ?? 1;
                    trajectory?.AddUtility(t, next.Value ?? 1);
                }
                continue;
            }
            opportunities++;
            var h = (enc ?? sim).H;
            AdSoftmaxPolicy.Probabilities(xi, layout, h, p);
            int d = TpprlCell.SampleFromProbabilities(p, rng.NextDouble());
            if (trajectory is not null)
            {
                var score = trajectory.AddDecision(t, AdSoftmaxPolicy.Length(layout));
                for (int a = 0; a < decisions; a++)
                {
                    double g = (a == d ? 1 : 0) - p[a];
                    for (int i = 0; i < n; i++) score[a * n + i] = g * h[i];
                    score[decisions * n + a] = g;
                }
            }
            if (d > 0)
            {
                actions++;
                cost += costs[d - 1];
                trajectory?.AddUtility(t, -costs[d - 1]);
            }
            Step(sim, enc, new Event(t, EventKind.Action, d));
        }
        return new Outcome(value - cost, value, actions, opportunities);
    }

    private static void Step(AdUserState sim, AdUserState? enc, in Event e)
    {
        sim.Step(e);
        enc?.Step(e);
    }
}
