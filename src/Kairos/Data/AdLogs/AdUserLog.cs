using Kairos.PointProcesses;

namespace Kairos.Data.AdLogs;

/// <summary>
/// One user's ad-delivery log: the observation window and, in time order, feedback, opportunities and the decision
/// at each opportunity (an action event at the same time, mark 0 = no ad, 1..m = ad, value = its cost), with the
/// logging policy's probability of each decision when it was recorded (<see cref="Propensities"/>, aligned with
/// <see cref="Decisions"/>).
/// </summary>
public sealed class AdUserLog
{
    private readonly int[] _decisionIndex;

    public AdUserLog(string user, ObservationWindow window, IReadOnlyList<Event> events, IReadOnlyList<double?> propensities)
    {
        User = user ?? throw new ArgumentNullException(nameof(user));
        Window = window;
        Events = new History(events, user);
        var decisions = new List<int>();
        for (int i = 0; i < Events.Count; i++)
        {
            if (!window.Contains(Events[i].Time))
                throw new ArgumentOutOfRangeException(nameof(events), $"{Events[i]} of user '{user}' lies outside its window {window}.");
            if (Events[i].Kind != EventKind.Action) continue;
            if (i == 0 || Events[i - 1].Kind != EventKind.Opportunity || Events[i - 1].Time != Events[i].Time)
                throw new ArgumentException($"user '{user}': the action at {Events[i].Time} does not answer an opportunity at the same time.", nameof(events));
            decisions.Add(i);
        }
        if (Events.Count > 0 && Events[^1].Kind == EventKind.Opportunity)
            throw new ArgumentException($"user '{user}': the last opportunity has no decision.", nameof(events));
        if (propensities.Count != decisions.Count)
            throw new ArgumentException($"user '{user}': {CountText.Of(propensities.Count, "propensity", "propensities")} for {CountText.Of(decisions.Count, "decision")}.", nameof(propensities));
        _decisionIndex = decisions.ToArray();
        Propensities = propensities.ToArray();
    }

    public string User { get; }
    public ObservationWindow Window { get; }
    public History Events { get; }

    /// <summary>Indices into <see cref="Events"/> of the action rows, one per opportunity (the opportunity is the
    /// event before it).</summary>
    public IReadOnlyList<int> Decisions => _decisionIndex;

    /// <summary>The logging policy's probability of each decision, or null where it was not recorded.</summary>
    public IReadOnlyList<double?> Propensities { get; }

    /// <summary>The logged decision k: 0 = no ad, 1..m = ad.</summary>
    public int DecisionMark(int k) => Events[_decisionIndex[k]].Mark;

    /// <summary>Total conversion value minus total action cost: the per-user utility.</summary>
    public double Utility(int conversionMark = AdMarks.Conversion)
    {
        double u = 0;
        foreach (var e in Events)
        {
            if (e.Kind == EventKind.Feedback && e.Mark == conversionMark) u += e.Value ?? 0;
            else if (e.Kind == EventKind.Action) u -= e.Value ?? 0;
        }
        return u;
    }
}
