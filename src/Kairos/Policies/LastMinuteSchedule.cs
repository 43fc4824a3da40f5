using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// Plans for the last-minute baselines (cram, oracle): K reviews evenly spaced in the window (T − w, T), at
/// T − w (K − j − ½)/K for j = 0..K−1, with marks given by an item sequence. A fractional budget b is met in
/// expectation: K = ⌊b⌋ + Bernoulli(b − ⌊b⌋) per episode.
/// </summary>
internal static class LastMinuteSchedule
{
    public static int DrawCount(double budget, Random rng)
    {
        double floor = Math.Floor(budget);
        return (int)floor + (rng.NextDouble() < budget - floor ? 1 : 0);
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

    public static double Time(double horizon, double window, int j, int count) => horizon - window * (count - j - 0.5) / count;

    /// <summary>Replays a fixed plan of (time, mark) pairs, ignoring outcomes.</summary>
    internal sealed class State : IPolicyState
    {
        private readonly double _horizon, _window;
        private readonly int[] _marks;
        private int _next;

        public State(double horizon, double window, int[] marks)
        {
            (_horizon, _window, _marks) = (horizon, window, marks);
            Next = Plan();
        }

        public PlannedAction Next { get; private set; }

        public void Observe(in Event e, ReadOnlySpan<double> feedback, Random rng)
        {
            if (e.Kind != EventKind.Action) return;
            _next++;
            Next = Plan();
        }

        private PlannedAction Plan() => _next < _marks.Length
            ? new PlannedAction(Time(_horizon, _window, _next, _marks.Length), _marks[_next])
            : PlannedAction.None;
    }
}
