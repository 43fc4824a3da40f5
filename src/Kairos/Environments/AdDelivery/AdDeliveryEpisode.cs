using Kairos.Decisions;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Environments.AdDelivery;

/// <summary>
/// One synthetic user. All randomness comes from counter-based streams keyed by the user (one stream per process:
/// traits, opportunities, visits, baseline conversions, ad-induced conversions, clicks, conversion values), so the
/// exogenous processes (opportunities, visits, baseline conversions) are the same user whatever the policy does, and
/// policies are compared on common random numbers. Opportunities and visits are Burr XII renewal processes; the
/// conversion intensity is β + Σ_ads r_m·exp(−fφ(s⁻))·exp(−(t − s)/τ), sampled exactly (a baseline Poisson process plus
/// an exponentially decaying one, redrawn after each ad: the process has no memory beyond its intensity).
/// </summary>
public sealed class AdDeliveryEpisode : IEpisode
{
    private enum Source { Opportunity, Visit, BaseConversion, AdConversion, Click }

    private readonly AdDeliveryConfig _config;
    private readonly BurrXII _opportunityGap, _visitGap;
    private DecisionRandom _opportunities, _visits, _baseConversions, _adConversions, _clicks, _values;
    private double _nextOpportunity, _nextVisit, _nextBase, _nextAd;
    private readonly List<double> _pendingClicks = new();
    private AdResponse _response;
    private int _conversions, _clickCount, _opportunityCount;
    private double _value, _cost;

    public AdDeliveryEpisode(AdDeliveryConfig config, ulong userKey)
    {
        _config = config;
        var traits = new DecisionRandom(DecisionRandom.KeyFor((long)userKey, 0));
        Traits = AdUserTraits.Draw(config, ref traits);
        _opportunities = new DecisionRandom(DecisionRandom.KeyFor((long)userKey, 1));
        _visits = new DecisionRandom(DecisionRandom.KeyFor((long)userKey, 2));
        _baseConversions = new DecisionRandom(DecisionRandom.KeyFor((long)userKey, 3));
        _adConversions = new DecisionRandom(DecisionRandom.KeyFor((long)userKey, 4));
        _clicks = new DecisionRandom(DecisionRandom.KeyFor((long)userKey, 5));
        _values = new DecisionRandom(DecisionRandom.KeyFor((long)userKey, 6));
        _opportunityGap = OpportunityGap(config, Traits);
        _visitGap = new BurrXII(config.VisitScale / (Traits.Activity * Math.Sqrt(Traits.Propensity)), config.GapShape, config.GapTail);
        _nextOpportunity = _opportunityGap.InverseCumulativeHazard(_opportunities.NextExponential());
        _nextVisit = _visitGap.InverseCumulativeHazard(_visits.NextExponential());
        _nextBase = _baseConversions.NextExponential() / Traits.BaseRate;
        _nextAd = double.PositiveInfinity;
        _response = new AdResponse(0, 0, 0);
    }

    /// <summary>The gaps between a user's opportunities: Burr XII with scale λ/a.</summary>
    public static BurrXII OpportunityGap(AdDeliveryConfig config, AdUserTraits traits) =>
        new(config.OpportunityScale / traits.Activity, config.GapShape, config.GapTail);

    /// <summary>The user's true latent traits (for the oracle only).</summary>
    public AdUserTraits Traits { get; }

    /// <summary>The user's true response state at <paramref name="time"/> (for the oracle only; no future draws).</summary>
    public AdResponse ResponseAt(double time) => _response.At(time, _config);

    public AdDeliveryConfig Config => _config;

    public double NextFeedbackTime => Math.Min(Math.Min(_nextOpportunity, _nextVisit), Math.Min(Math.Min(_nextBase, _nextAd), NextClick));

    private double NextClick => _pendingClicks.Count == 0 ? double.PositiveInfinity : _pendingClicks[0];

    private Source Next()
    {
        double t = NextFeedbackTime;
        return t == _nextOpportunity ? Source.Opportunity : t == NextClick ? Source.Click : t == _nextVisit ? Source.Visit
            : t == _nextBase ? Source.BaseConversion : Source.AdConversion;
    }

    public Event TakeFeedback(Random rng)
    {
        double t = NextFeedbackTime;
        switch (Next())
        {
            case Source.Opportunity:
                _nextOpportunity = t + _opportunityGap.InverseCumulativeHazard(_opportunities.NextExponential());
                _opportunityCount++;
                return new Event(t, EventKind.Opportunity);
            case Source.Click:
                _pendingClicks.RemoveAt(0);
                _clickCount++;
                return new Event(t, EventKind.Feedback, 1);
            case Source.Visit:
                _nextVisit = t + _visitGap.InverseCumulativeHazard(_visits.NextExponential());
                return new Event(t, EventKind.Feedback, 0);
            case Source.BaseConversion:
                _nextBase = t + _baseConversions.NextExponential() / Traits.BaseRate;
                return Conversion(t);
            default:
                _response = _response.At(t, _config);
                _nextAd = NextAdConversion();
                return Conversion(t);
        }
    }

    private Event Conversion(double t)
    {
        double s = _config.ValueNoise;
        double value = Traits.Value * GaussianDraw.LogNormal(ref _values, -s * s / 2, s);
        _conversions++;
        _value += value;
        return new Event(t, EventKind.Feedback, 2, value);
    }

    /// <summary>The next event of the decaying process A·exp(−(t − t₀)/τ) from t₀ = the response time: its total mass
    /// is Aτ, so with E ~ Exp(1) there is one iff E &lt; Aτ, at t₀ − τ·ln(1 − E/(Aτ)).</summary>
    private double NextAdConversion()
    {
        double mass = _response.Excitation * _config.EffectDecay, e = _adConversions.NextExponential();
        return e < mass ? _response.Time - _config.EffectDecay * Math.Log(1 - e / mass) : double.PositiveInfinity;
    }

    public Event Act(double time, int mark, Random rng)
    {
        var before = _response.At(time, _config);
        _response = before.AfterAd(mark, Traits);
        _nextAd = NextAdConversion();
        double click = Math.Min(_config.ClickCap, _config.ClickFloor + _config.ClickPerLift * Traits.Lift[mark] * before.LiftFactor(Traits));
        if (_clicks.NextDouble() < click)
        {
            _pendingClicks.Add(time + _config.ClickDelay * _clicks.NextExponential());
            _pendingClicks.Sort();
        }
        _cost += _config.AdCost[mark];
        return new Event(time, EventKind.Action, mark, _config.AdCost[mark]);
    }

    public void Feedback(Span<double> z) { }

    public IReadOnlyDictionary<string, double> Finish(Random rng) => new Dictionary<string, double>
    {
        ["utility"] = _value - _cost,
        ["conversions"] = _conversions,
        ["value"] = _value,
        ["cost"] = _cost,
        ["clicks"] = _clickCount,
        ["opportunities"] = _opportunityCount,
    };
}
