namespace Kairos.Neural;

/// <summary>
/// TPPRL Algorithm 2 for λ(t) = e^{c + w(t − t₀)}, in cumulative-hazard form and allocation-free: at the start
/// and after each own action draw ONE uniform u, i.e. a target mass E = −log(1 − u) ~ Exp(1). A feedback event at
/// s adds the mass of the elapsed piece under the old (c, t₀) to the spent mass A (so Q = e^{−A} in the paper's
/// Eq. 14) and restarts the piece at s with the new c; the next action is where the spent mass reaches E.
/// Keeping u across feedback makes the sample exact for the piecewise process (appendix C). When the remaining
/// mass is unreachable (w &lt; 0, extinction) the next time is +∞ until a later feedback refines it.
/// </summary>
public struct ExpIntensitySampler
{
    private double _target, _spent, _origin, _logScale, _decay;

    /// <summary>Uniforms drawn so far (one per <see cref="Restart"/>).</summary>
    public int Draws { get; private set; }

    /// <summary>Starts a new inter-action interval at <paramref name="origin"/> (start of the episode or an own
    /// action) with log-intensity <paramref name="c"/> and decay <paramref name="w"/>; draws one uniform.</summary>
    public void Restart(double origin, double c, double w, Random rng)
    {
        double u = rng.NextDouble();
        Draws++;
        _target = -Kairos.Numerics.Fn.Log1p(-u);
        _spent = 0;
        (_origin, _logScale, _decay) = (origin, c, w);
    }

    /// <summary>A feedback event at <paramref name="time"/> changed the log-intensity to <paramref name="c"/>:
    /// keep u, carry the mass spent so far (Alg. 2 lines 8–10).</summary>
    public void Refine(double time, double c)
    {
        _spent += ExpIntegrals.Integral(_logScale, _decay, time - _origin);
        _origin = time;
        _logScale = c;
    }

    /// <summary>The planned next action time (≥ the last event's time), or +∞.</summary>
    public readonly double NextTime()
    {
        double remaining = _target - _spent;
        if (!(remaining > 0)) return _origin;   // mass already reached (only by rounding)
        return _origin + ExpIntegrals.InverseIntegral(_logScale, _decay, remaining);
    }
}
