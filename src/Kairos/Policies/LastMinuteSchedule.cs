using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// Plans for the last-minute baselines (cram, oracle): K reviews evenly spaced in the window (T − w, T), at
/// T − w (K − j − ½)/K for j = 0..K−1, with marks given by an item sequence. A fractional budget b is met in
/// expectation: K = ⌊b⌋ + Bernoulli(b − ⌊b⌋) per episode.
/// </summary>
internal static class LastMinuteSchedule
{
    private const int SnapshotVersion = 1;

    public static int DrawCount(double budget, ref DecisionRandom random)
    {
        double floor = Math.Floor(budget);
        return (int)floor + (random.NextDouble() < budget - floor ? 1 : 0);
    }

    /// <summary>Round-robin: the j-th review goes to the j-th item (cycling) among those with reviews left.</summary>
    public static int[] RoundRobin(IReadOnlyList<int> perItem)
    {
        var left = perItem.ToArray();
        var order = new List<int>(left.Sum());
        bool any = true;
        while (any)
        {
            any = false;
            for (int i = 0; i < left.Length; i++)
                if (left[i] > 0) { order.Add(i); left[i]--; any = true; }
        }
        return order.ToArray();
    }

    public static double Time(double end, double window, int j, int count) => end - window * (count - j - 0.5) / count;

    /// <summary>Rebuilds a <see cref="State"/> from its snapshot: reals [end, window], integers [next, marks…].</summary>
    public static State Restore(IDeliveryPolicy policy, PolicySnapshot s)
    {
        s.EnsureFrom(policy, policy.Kind, SnapshotVersion);
        if (s.Reals.Count != 2 || s.Integers.Count < 1)
            throw new PolicyContextException($"snapshot of '{s.Policy}' must hold 2 reals and at least 1 integer.");
        var marks = s.Integers.Skip(1).Select(m => checked((int)m)).ToArray();
        return new State(policy, s.Reals[0], s.Reals[1], marks, checked((int)s.Integers[0]), s.Random);
    }

    /// <summary>Replays a fixed plan of (time, mark) pairs, ignoring outcomes.</summary>
    internal sealed class State : IPolicyState
    {
        private readonly IDeliveryPolicy _policy;
        private readonly double _end, _window;
        private readonly int[] _marks;
        private readonly DecisionRandom _random;
        private int _next;

        public State(IDeliveryPolicy policy, double end, double window, int[] marks, int next, DecisionRandom random)
        {
            (_policy, _end, _window, _marks, _next, _random) = (policy, end, window, marks, next, random);
            Next = Plan();
        }

        public PlannedAction Next { get; private set; }

        public void Observe(in Event e, ReadOnlySpan<double> feedback)
        {
            if (e.Kind != EventKind.Action) return;
            _next++;
            Next = Plan();
        }

        public PolicySnapshot Snapshot() => new(_policy.Kind, SnapshotVersion, _policy.ParameterHash, _random.Key, _random.Index,
            [_end, _window], [_next, .. _marks.Select(m => (long)m)]);

        private PlannedAction Plan() => _next < _marks.Length
            ? new PlannedAction(Time(_end, _window, _next, _marks.Length), _marks[_next])
            : PlannedAction.None;
    }
}
