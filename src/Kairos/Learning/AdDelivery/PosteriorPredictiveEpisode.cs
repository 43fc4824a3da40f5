using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Learning.AdDelivery;

/// <summary>One simulated user of a <see cref="PosteriorPredictiveEnvironment"/>: the drawn member's state of the
/// history and the next user event, drawn after every event (renewal); after an opportunity nothing is drawn
/// until the decision (act or decline) has been applied.</summary>
internal sealed class PosteriorPredictiveEpisode : IEpisode
{
    private readonly PosteriorPredictiveEnvironment _env;
    private readonly AdUserState _user;
    private AdSampler.NextEvent _next;
    private double _nextTime;
    private bool _awaitingDecision;
    private double _value, _cost;
    private int _conversions, _actions, _opportunities;

    public PosteriorPredictiveEpisode(PosteriorPredictiveEnvironment env, AdNetwork network, Random rng)
    {
        _env = env;
        _user = new AdUserState(network);
        Draw(rng);
    }

    public double NextFeedbackTime => _awaitingDecision || _nextTime > _env.Model.Horizon ? double.PositiveInfinity : _nextTime;

    public Event TakeFeedback(Random rng)
    {
        var e = new Event(_nextTime, _next.Kind, _next.Mark, _next.Value);
        _user.Step(e);
        if (e.Kind == EventKind.Opportunity)
        {
            _opportunities++;
            _awaitingDecision = true;
            return e;
        }
        if (e.Mark == _env.Model.ConversionMark)
        {
            _conversions++;
            _value += e.Value ?? 1;
        }
        Draw(rng);
        return e;
    }

    public Event Act(double time, int mark, Random rng)
    {
        if (!_awaitingDecision || time != _user.LastTime)
            throw new InvalidOperationException($"an ad can only be delivered at the current opportunity (t = {_user.LastTime}), got t = {time}.");
        _actions++;
        _cost += _env.Costs[mark];
        Decide(mark + 1, rng);
        return new Event(time, EventKind.Action, mark, _env.Costs[mark]);
    }

    public void Decline(in Event opportunity, Random rng) => Decide(0, rng);

    public void Feedback(Span<double> z) { }

    public IReadOnlyDictionary<string, double> Finish(Random rng) => new Dictionary<string, double>
    {
        ["utility"] = _value - _cost, ["value"] = _value, ["conversions"] = _conversions,
        ["actions"] = _actions, ["opportunities"] = _opportunities,
    };

    private void Decide(int decision, Random rng)
    {
        _user.Step(new Event(_user.LastTime, EventKind.Action, decision));
        _awaitingDecision = false;
        Draw(rng);
    }

    private void Draw(Random rng)
    {
        _next = AdSampler.Next(_user.Network, _user.H, _env.Model.ValuedMarks, rng);
        _nextTime = _user.LastTime + _next.Gap;
    }
}
