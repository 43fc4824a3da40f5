using Kairos.Numerics;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Environments.Sequencing;

/// <summary>One customer of a <see cref="SequencingEnvironment"/>: X drawn at the start, visits at 1..n until the first purchase.</summary>
internal sealed class SequencingEpisode : IEpisode
{
    private readonly SequencingEnvironment _env;
    private readonly double[] _logBasis;   // ln f_l(X)
    private int _visit;                    // visits revealed so far
    private int _offers, _declines;
    private bool _bought;
    private double _reward, _discount = 1;   // β^{t−1} of the current visit t

    public SequencingEpisode(SequencingEnvironment env, Random rng)
    {
        _env = env;
        _logBasis = new double[env.Problem.K];
        env.Problem.Profiles.SampleLogBasis(rng, _logBasis);
    }

    public double NextFeedbackTime => _bought || _visit >= _env.Visits ? double.PositiveInfinity : _visit + 1;

    public Event TakeFeedback(Random rng)
    {
        if (_visit > 0) _discount *= _env.Problem.Discount;
        _visit++;
        return new Event(_visit, EventKind.Opportunity);
    }

    public Event Act(double time, int mark, Random rng)
    {
        if (_bought || time != _visit)
            throw new InvalidOperationException($"an offer must answer the current visit {_visit} of a customer who has not bought (t = {time}).");
        var product = _env.Problem.Products[mark];
        double logQ = 0;
        for (int l = 0; l < _logBasis.Length; l++) logQ += product.Zeta[l] * _logBasis[l];
        _offers++;
        _bought = rng.NextDouble() < -Fn.Expm1(logQ);   // p_u(X) = 1 − q_u(X)
        if (_bought) _reward = _discount * product.Reward;
        return new Event(time, EventKind.Action, mark, _bought ? 1 : 0);
    }

    public void Decline(in Event opportunity, Random rng) => _declines++;

    public void Feedback(Span<double> z) => z[0] = _bought ? 1 : 0;

    public IReadOnlyDictionary<string, double> Finish(Random rng) => new Dictionary<string, double>
    {
        ["reward"] = _reward, ["purchases"] = _bought ? 1 : 0, ["offers"] = _offers, ["declines"] = _declines,
    };
}
