using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Serving;

/// <summary>
/// A policy as the service runs it: a name (routes and per-user state are keyed by it), the policy, the context every
/// live user gets (marks, feedback size, no horizon; the origin is each user's first event) and the seed of the decision generator. The version is
/// the policy's parameter hash, so two files with the same parameters are the same version and every decision names
/// the parameters that made it.
/// </summary>
public sealed class ServedPolicy
{
    public ServedPolicy(string name, IDeliveryPolicy policy, PolicyContext context, ulong seed, int? feedbackMarks = null)
    {
        FeedbackMarks = feedbackMarks;
        Name = name;
        Policy = policy;
        Context = context;
        Seed = seed;
        if (policy.RequiresHorizon)
            throw new PolicyContextException($"policy '{policy.Name}' plans towards a deadline; a live user's window is open-ended, so it cannot be served.");
    }

    public string Name { get; }
    public IDeliveryPolicy Policy { get; }
    public PolicyContext Context { get; }
    public ulong Seed { get; }
    /// <summary>Number of feedback marks the policy knows (null: any mark is accepted).</summary>
    public int? FeedbackMarks { get; }
    public string Version => Policy.ParameterHash;

    /// <summary>A fresh per-user state at origin 0, its randomness keyed by (seed, user).</summary>
    public IPolicyState CreateState(string user) => CreateState(user, 0);

    /// <summary>A fresh per-user state whose clock starts at <paramref name="origin"/> (the user's first event), its
    /// randomness keyed by (seed, user).</summary>
    public IPolicyState CreateState(string user, double origin) =>
        Policy.CreateState(ContextAt(origin), new DecisionRandom(DecisionRandom.KeyFor(Seed, user)));

    /// <summary>The served context with the user's origin.</summary>
    public PolicyContext ContextAt(double origin) => origin == Context.Origin ? Context : Context with { Origin = origin };

    /// <summary>The feedback vector a stored record carries: its own when the client sent one, else the default.</summary>
    public double[] Feedback(in StoredRecord r) => r.Feedback ?? Feedback(r.ToEvent());

    /// <summary>The feedback vector an event carries in the service: the event's value (0 when absent) in entry 0 for
    /// feedback events, zeros otherwise.</summary>
    public double[] Feedback(in Event e)
    {
        if (Context.FeedbackSize == 0) return [];
        var z = new double[Context.FeedbackSize];
        if (z.Length > 0 && e.Kind == EventKind.Feedback) z[0] = e.Value ?? 0;
        return z;
    }
}
