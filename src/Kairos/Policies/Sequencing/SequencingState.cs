using System.Globalization;
using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Policies.Sequencing;

/// <summary>
/// One customer's state under a <see cref="SequencingPolicy"/>: γ (rejection-count exposure Σ ζ_u of the rejected
/// offers, advanced by the exact ζ_u, digest (3.2)), offers made, whether the customer bought, and the visits decided
/// at and declined. An offer is observed as an action event whose value (or, without one, feedback[0]) is 1 for a
/// purchase and 0 for a rejection.
/// </summary>
internal sealed class SequencingState : IPolicyState
{
    private readonly SequencingPolicy _policy;
    private readonly double[] _gamma, _values;
    private DecisionRandom _random;

    public SequencingState(SequencingPolicy policy, DecisionRandom random)
    {
        _policy = policy;
        _random = random;
        _gamma = new double[policy.Problem.K];
        _values = new double[policy.Problem.ProductCount];
    }

    public SequencingState(SequencingPolicy policy, DecisionRandom random, IReadOnlyList<double> gamma, int offers,
        bool bought, long visits, long declines) : this(policy, random)
    {
        for (int l = 0; l < _gamma.Length; l++) _gamma[l] = gamma[l];
        (Offers, Bought, Visits, Declines) = (offers, bought, visits, declines);
    }

    public ReadOnlySpan<double> Gamma => _gamma;
    public int Offers { get; private set; }
    public bool Bought { get; private set; }
    public long Visits { get; private set; }
    public long Declines { get; private set; }

    public PlannedAction Next => PlannedAction.None;

    /// <summary>R_u(1 − H_u(γ)) for every u, at the current decision: the expected immediate reward of offering u
    /// now (the myopic values).</summary>
    public ReadOnlySpan<double> ImmediateValues => _values;

    public Decision Decide(in Event opportunity, ReadOnlySpan<double> feedback)
    {
        Visits++;
        var d = Bought || !FillValues() ? Decision.None(1) : _policy.Choose(this, ref _random);
        if (!d.Acts) Declines++;
        return d;
    }

    public void Observe(in Event e, ReadOnlySpan<double> feedback)
    {
        if (e.Kind != EventKind.Action) return;
        var problem = _policy.Problem;
        if ((uint)e.Mark >= (uint)problem.ProductCount)
            throw new InvalidOperationException($"offer of product {e.Mark} is outside [0, {problem.ProductCount}).");
        double outcome = e.Value ?? (feedback.Length > 0 ? feedback[0] : double.NaN);
        if (double.IsNaN(outcome))
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"offer of product {e.Mark} at t={e.Time:R} carries no purchase outcome."));
        Offers = checked(Offers + 1);
        if (outcome > 0.5) { Bought = true; return; }
        var zeta = problem.Products[e.Mark].Zeta;
        for (int l = 0; l < _gamma.Length; l++) _gamma[l] += zeta[l];
    }

    public PolicySnapshot Snapshot() => _policy.Snapshot(this, _random);

    // Fills the immediate values; false when no product can pay.
    private bool FillValues()
    {
        var problem = _policy.Problem;
        double logZ = problem.LogPartition(_gamma);
        bool pays = false;
        for (int u = 0; u < _values.Length; u++)
        {
            _values[u] = problem.Products[u].Reward * (1 - problem.NoPurchase(u, _gamma, logZ));
            pays |= _values[u] > 0;
        }
        return pays;
    }
}
