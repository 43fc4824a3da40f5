using System.Globalization;
using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Tests.Decisions;

/// <summary>
/// Drives one policy state through a random event stream, as a live service would: exogenous events (feedback, or
/// opportunities for a choice policy) at random times, and the policy's own actions when they come first, each
/// with a random outcome. The stream depends only on <c>seed</c> and on the decisions taken, so two runs with the same
/// decisions see the same events. At each index in <c>cuts</c> the state is snapshotted, serialized (JSON at even
/// cuts, binary at odd ones), parsed and restored — as if the user moved to another process.
/// </summary>
internal static class SnapshotDriver
{
    public static List<string> Run(IDeliveryPolicy policy, PolicyContext context, int seed, int events, ISet<int> cuts,
        ulong key, double meanGap)
    {
        var rng = new Random(seed);
        var state = policy.CreateState(context, new DecisionRandom(key));
        bool timing = (policy.Modes & DecisionModes.Timing) != 0, choice = (policy.Modes & DecisionModes.Choice) != 0;
        var z = new double[context.FeedbackSize];
        var trace = new List<string>(events);
        double now = context.Origin;
        int cut = 0;
        for (int k = 0; k < events; k++)
        {
            if (cuts.Contains(k)) state = RoundTrip(policy, state, context, cut++ % 2 == 0);
            double exogenous = now - Math.Log(1 - rng.NextDouble()) * meanGap;
            double outcome = rng.NextDouble() < 0.6 ? 1 : 0;
            Array.Fill(z, outcome);
            var next = timing ? state.Next : PlannedAction.None;
            if (next.Time <= exogenous)
            {
                now = next.Time;
                state.Observe(new Event(now, EventKind.Action, next.Mark, outcome), z);
                trace.Add(Fmt($"act {now:R} {next.Mark}"));
            }
            else if (choice)
            {
                now = exogenous;
                var d = state.Decide(new Event(now, EventKind.Opportunity, Id: $"o{k}"), z);
                trace.Add(Fmt($"decide {now:R} {d.Mark} {d.Probability:R}"));
                if (d.Acts) state.Observe(new Event(now, EventKind.Action, d.Mark, outcome), z);
            }
            else
            {
                now = exogenous;
                state.Observe(new Event(now, EventKind.Feedback, 0, outcome), z);
            }
            var plan = state.Next;
            trace.Add(Fmt($"next {plan.Time:R} {plan.Mark}"));
        }
        trace.Add("final " + PolicySnapshotJson.Write(state.Snapshot()));
        return trace;
    }

    public static IPolicyState RoundTrip(IDeliveryPolicy policy, IPolicyState state, PolicyContext context, bool json)
    {
        var snapshot = state.Snapshot();
        var parsed = json ? PolicySnapshotJson.Read(PolicySnapshotJson.Write(snapshot)) : PolicySnapshotBinary.Read(PolicySnapshotBinary.Write(snapshot));
        Assert.Equal(snapshot, parsed);
        return policy.Restore(parsed, context);
    }

    private static string Fmt(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
