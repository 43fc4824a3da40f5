using Kairos.Decisions;
using Kairos.PointProcesses;

namespace Kairos.Environments.AdDelivery;

/// <summary>
/// The posterior of one simulated user's latent traits given the user's history, by importance sampling: particles
/// drawn from the population prior (<see cref="AdUserTraits.Draw"/>), each weighted by the exact likelihood of the
/// history under the simulator's laws (<see cref="AdDeliveryEpisode"/>): the Burr XII renewal densities of the
/// opportunity and visit gaps (the open visit gap censored at the question time), the conversion process with intensity
/// β + A(t) (Σ log λ(t_i) − ∫λ), the log-normal noise of each conversion's value around the user's value, and the click
/// after each ad (Bernoulli with the simulator's click probability; a click is credited to the oldest ad still waiting
/// for one, and an ad without a click after 10 mean click delays counts as not clicked; the delay law does not depend
/// on the traits). Each particle also carries its response state (fatigue, ad excitation) under its own traits.
/// </summary>
internal sealed class AdTraitParticles
{
    private readonly AdDeliveryConfig _config;
    private readonly AdUserTraits[] _traits;
    private readonly BurrXII[] _opportunityGap, _visitGap;
    private readonly AdResponse[] _response;
    private readonly double[] _logWeight;
    private readonly List<(double Time, double[] Probability)> _awaitingClick = new();
    private double _time, _lastOpportunity, _lastVisit;

    public AdTraitParticles(AdDeliveryConfig config, int count, ref DecisionRandom random)
    {
        _config = config;
        _traits = new AdUserTraits[count];
        _opportunityGap = new BurrXII[count];
        _visitGap = new BurrXII[count];
        _response = new AdResponse[count];
        _logWeight = new double[count];
        for (int i = 0; i < count; i++)
        {
            var t = _traits[i] = AdUserTraits.Draw(config, ref random);
            _opportunityGap[i] = AdDeliveryEpisode.OpportunityGap(config, t);
            _visitGap[i] = new BurrXII(config.VisitScale / (t.Activity * Math.Sqrt(t.Propensity)), config.GapShape, config.GapTail);
        }
    }

    public int Count => _traits.Length;
    public AdUserTraits Traits(int i) => _traits[i];
    public AdResponse Response(int i) => _response[i];

    /// <summary>Adds the likelihood of <paramref name="e"/> (an opportunity, feedback, or the system's action) to every particle.</summary>
    public void Observe(in Event e)
    {
        Advance(e.Time);
        switch (e.Kind)
        {
            case EventKind.Opportunity:
                for (int i = 0; i < Count; i++) _logWeight[i] += _opportunityGap[i].LogDensity(e.Time - _lastOpportunity);
                _lastOpportunity = e.Time;
                break;
            case EventKind.Action:
                var p = new double[Count];
                for (int i = 0; i < Count; i++)
                {
                    p[i] = Math.Min(_config.ClickCap, _config.ClickFloor + _config.ClickPerLift * _traits[i].Lift[e.Mark] * _response[i].LiftFactor(_traits[i]));
                    _response[i] = _response[i].AfterAd(e.Mark, _traits[i]);
                }
                _awaitingClick.Add((e.Time, p));
                break;
            case EventKind.Feedback when e.Mark == 0:
                for (int i = 0; i < Count; i++) _logWeight[i] += _visitGap[i].LogDensity(e.Time - _lastVisit);
                _lastVisit = e.Time;
                break;
            case EventKind.Feedback when e.Mark == 1 && _awaitingClick.Count > 0:
                var clicked = _awaitingClick[0].Probability;
                for (int i = 0; i < Count; i++) _logWeight[i] += Math.Log(clicked[i]);
                _awaitingClick.RemoveAt(0);
                break;
            case EventKind.Feedback when e.Mark == 2:
                double s = _config.ValueNoise, lnValue = Math.Log(e.Value ?? 1);
                for (int i = 0; i < Count; i++)
                {
                    double z = lnValue - Math.Log(_traits[i].Value) + s * s / 2;
                    _logWeight[i] += Math.Log(_traits[i].BaseRate + _response[i].Excitation) - z * z / (2 * s * s);
                }
                break;
        }
    }

    /// <summary>Normalized weights at <paramref name="time"/>, the open visit gap censored there.</summary>
    public double[] Weights(double time)
    {
        Advance(time);
        var w = new double[Count];
        double max = double.NegativeInfinity;
        for (int i = 0; i < Count; i++) max = Math.Max(max, w[i] = _logWeight[i] - _visitGap[i].CumulativeHazard(time - _lastVisit));
        double sum = 0;
        for (int i = 0; i < Count; i++) sum += w[i] = Math.Exp(w[i] - max);
        for (int i = 0; i < Count; i++) w[i] /= sum;
        return w;
    }

    /// <summary>Moves every particle to <paramref name="t"/>: −∫ (β + A) over the elapsed time, the response decayed, and
    /// ads whose click window has passed counted as not clicked.</summary>
    private void Advance(double t)
    {
        if (t <= _time) return;
        double tau = _config.EffectDecay, kept = -Kairos.Numerics.Fn.Expm1(-(t - _time) / tau);
        for (int i = 0; i < Count; i++)
        {
            _logWeight[i] -= _traits[i].BaseRate * (t - _time) + _response[i].Excitation * tau * kept;
            _response[i] = _response[i].At(t, _config);
        }
        _time = t;
        while (_awaitingClick.Count > 0 && t - _awaitingClick[0].Time > 10 * _config.ClickDelay)
        {
            var p = _awaitingClick[0].Probability;
            for (int i = 0; i < Count; i++) _logWeight[i] += Math.Log(1 - p[i]);
            _awaitingClick.RemoveAt(0);
        }
    }
}
