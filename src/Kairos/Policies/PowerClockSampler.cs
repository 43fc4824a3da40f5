using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// Algorithm 2 (<see cref="NextEventSampler"/>'s steps) for one item of a <see cref="PerItemHazardPolicy"/> on the
/// retrievability clock, whose pieces are power-in-time hazards 1[s ≥ δ]·e^a(1 + ρ(s − δ))^p (<see cref="PowerInTimeKernel"/>,
/// δ the time until the item's clock opens, <see cref="IItemClocks"/>): an own
/// action draws an Exp(1) target E; every other event closes the elapsed piece (A += Λ) and places the pending time at
/// Λ⁻¹(E − A) under the new piece, which is exact because survival multiplies across pieces.
/// </summary>
internal sealed class PowerClockSampler
{
    private double _target, _accumulated, _a, _p, _rho, _open;

    public double Origin { get; private set; } = double.NaN;
    public double PendingTime { get; private set; } = double.NaN;
    public long UniformsDrawn { get; private set; }

    public void StartAfterAction(double time, double a, double p, double rho, double lead, double target)
    {
        UniformsDrawn++;
        (_target, _accumulated) = (target, 0);
        Place(time, a, p, rho, lead, target);
    }

    public void OnFeedback(double time, double a, double p, double rho, double lead)
    {
        _accumulated += CumulativeHazard(time);
        Place(time, a, p, rho, lead, Math.Max(_target - _accumulated, 0));
    }

    private void Place(double time, double a, double p, double rho, double lead, double remaining)
    {
        (Origin, _a, _p, _rho, _open) = (time, a, p, rho, time + lead);
        PendingTime = _open + PowerInTimeKernel.InverseCumulativeHazard(a, p, rho, remaining);
    }

    public double Intensity(double time) => time < _open ? 0 : Math.Exp(PowerInTimeKernel.LogHazard(_a, _p, _rho, time - _open));

    public double CumulativeHazard(double time) => PowerInTimeKernel.CumulativeHazard(_a, _p, _rho, time - _open);

    public const int StateLength = 8;

    public void Save(Span<double> d) =>
        (d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]) = (_target, _accumulated, Origin, _open, _a, _p, _rho, PendingTime);

    public void Restore(ReadOnlySpan<double> s, long uniformsDrawn)
    {
        if (!(s[0] >= 0) || !(s[1] >= 0) || !double.IsFinite(s[2]) || !(s[3] >= s[2]) || double.IsNaN(s[4]) || double.IsNaN(s[5])
            || !(s[6] > 0) || double.IsNaN(s[7]) || uniformsDrawn < 1)
            throw new Decisions.PolicyContextException("the snapshot's item sampler state is not one a started clock can have.");
        (_target, _accumulated, Origin, _open, _a, _p, _rho, PendingTime, UniformsDrawn) = (s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], uniformsDrawn);
    }
}
