using Kairos.Numerics;

namespace Kairos.PointProcesses;

/// <summary>
/// TPPRL Algorithm 2 (§3 of the digest, <c>ExpCDFSampler</c>): exact inverse-CDF sampling of the next own action
/// under a hazard that is replaced, piece by piece, at every feedback event.
/// <list type="number">
/// <item>After an own action (<see cref="StartAfterAction(double, ITimeDistribution, Random)"/>) draw ONE uniform u,
/// i.e. the target E = −log(1 − u) ~ Exp(1), and reset the carried cumulative hazard A = 0.</item>
/// <item>At a feedback event at time s (<see cref="OnFeedback(double, ITimeDistribution)"/>) keep u, add the elapsed
/// piece's Λ_old(s − t₀) to A, switch to the new law measured from t₀ = s, and re-solve
/// Q·S_new(t − s) = 1 − u, i.e. t = s + Λ_new⁻¹(E − A). The survival carry Q = e^{−A} of the digest is kept as A
/// (log space) for accuracy.</item>
/// <item>Extinction (Λ_new never reaches E − A) gives +∞: no action until the next feedback refines it.</item>
/// </list>
/// The result is exact because survival multiplies across pieces. One instance per user/episode; it allocates nothing.
/// The exponential-in-time overloads take (c, ω) directly, so a policy whose c changes at every event does not
/// allocate an <see cref="ExponentialInTime"/> per event, and the closed form is called without virtual dispatch.
/// </summary>
public sealed class NextEventSampler
{
    private ITimeDistribution? _law;   // null: exponential-in-time piece (_c, _omega)
    private double _c, _omega;
    private double _target;            // E = −log(1 − u)
    private double _accumulated;       // A = Σ Λ of the elapsed pieces since the last action
    private bool _started;

    /// <summary>Time of the pending own action; +∞ when the current piece dies out first; NaN before the first
    /// <see cref="StartAfterAction(double, ITimeDistribution, Random)"/>.</summary>
    public double PendingTime { get; private set; } = double.NaN;

    /// <summary>Origin t₀ of the current piece (the last action or feedback).</summary>
    public double Origin { get; private set; } = double.NaN;

    /// <summary>Number of uniforms drawn so far: exactly one per action.</summary>
    public long UniformsDrawn { get; private set; }

    /// <summary>Step 1 for any law measured from <paramref name="time"/>: draw u and return the pending time.</summary>
    public double StartAfterAction(double time, ITimeDistribution law, Random rng)
    {
        ArgumentNullException.ThrowIfNull(law);
        Begin(time, rng);
        _law = law;
        return PendingTime = time + law.InverseCumulativeHazard(_target);
    }

    /// <summary>Step 1 for any law, with the Exp(1) target <paramref name="target"/> already drawn (a policy's
    /// counter-based stream).</summary>
    public double StartAfterAction(double time, ITimeDistribution law, double target)
    {
        ArgumentNullException.ThrowIfNull(law);
        Begin(time, target);
        _law = law;
        return PendingTime = time + law.InverseCumulativeHazard(_target);
    }

    /// <summary>Step 1 for the exponential-in-time hazard exp(c + ω(t − time)), without allocation.</summary>
    public double StartAfterAction(double time, double c, double omega, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return StartAfterAction(time, c, omega, ExponentialDraw.Next(rng));
    }

    /// <summary>Step 1 with the Exp(1) target <paramref name="target"/> = −log(1 − u) already drawn (a policy's
    /// counter-based stream, <see cref="Numerics.ExponentialDraw"/>).</summary>
    public double StartAfterAction(double time, double c, double omega, double target)
    {
        Begin(time, target);
        (_law, _c, _omega) = (null, c, omega);
        return PendingTime = time + ExponentialInTimeKernel.InverseCumulativeHazard(c, omega, _target);
    }

    /// <summary>
    /// Gives up the pending action at <paramref name="time"/> (≥ the piece's origin t₀), given that no action happened
    /// up to it, and draws afresh: the hazard continues as exp(c + ω(t − t₀)), so the new piece is measured from
    /// <paramref name="time"/> with c' = c + ω(time − t₀), and the fresh Exp(1) target <paramref name="target"/> gives
    /// the next action's law conditioned on survival to <paramref name="time"/> (survival from there is
    /// exp(−∫_time^t λ), the conditional of the unconditional one). Exponential-in-time pieces only.
    /// </summary>
    public double RestartAt(double time, double target)
    {
        if (_law is not null || !_started)
            throw new InvalidOperationException("only a started exponential-in-time piece can be restarted.");
        if (!(time >= Origin) || double.IsInfinity(time))
            throw new ArgumentOutOfRangeException(nameof(time), time, $"a restart must be finite and not before the piece's origin {Require.Fmt(Origin)}, got {Require.Fmt(time)}.");
        return StartAfterAction(time, _c + _omega * (time - Origin), _omega, target);
    }

    /// <summary>The state of an exponential-in-time piece: the target E, the carried hazard A, the piece's origin
    /// and (c, ω), and the pending time — everything a snapshot needs, with <see cref="UniformsDrawn"/>.</summary>
    public (double Target, double Accumulated, double Origin, double C, double Omega, double Pending) ExponentialState =>
        _law is null && _started ? (_target, _accumulated, Origin, _c, _omega, PendingTime)
            : throw new InvalidOperationException("only a started exponential-in-time piece has a portable state.");

    /// <summary>Continues from an <see cref="ExponentialState"/> (restore of a snapshot): later steps are bit-identical.</summary>
    public void RestoreExponential(double target, double accumulated, double origin, double c, double omega,
        double pending, long uniformsDrawn)
    {
        if (!(target >= 0) || !(accumulated >= 0) || !double.IsFinite(origin) || double.IsNaN(c) || double.IsNaN(omega)
            || double.IsNaN(pending) || uniformsDrawn < 1)
            throw new ArgumentException("the sampler state is not one a started exponential-in-time piece can have.");
        (_target, _accumulated, Origin, _c, _omega, PendingTime, UniformsDrawn) = (target, accumulated, origin, c, omega, pending, uniformsDrawn);
        _law = null;
        _started = true;
    }

    /// <summary>Step 2 for any new law measured from <paramref name="time"/>: keep u and return the refined
    /// pending time.</summary>
    public double OnFeedback(double time, ITimeDistribution newLaw)
    {
        ArgumentNullException.ThrowIfNull(newLaw);
        double remaining = CloseElapsedPiece(time);
        _law = newLaw;
        return PendingTime = time + newLaw.InverseCumulativeHazard(remaining);
    }

    /// <summary>Step 2 for the exponential-in-time hazard exp(c + ω(t − time)), without allocation.</summary>
    public double OnFeedback(double time, double c, double omega)
    {
        double remaining = CloseElapsedPiece(time);
        (_law, _c, _omega) = (null, c, omega);
        return PendingTime = time + ExponentialInTimeKernel.InverseCumulativeHazard(c, omega, remaining);
    }

    private void Begin(double time, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Begin(time, ExponentialDraw.Next(rng));
    }

    private void Begin(double time, double target)
    {
        if (!double.IsFinite(time))
            throw new ArgumentOutOfRangeException(nameof(time), time, $"time must be finite, got {Require.Fmt(time)}.");
        if (!(target >= 0))
            throw new ArgumentOutOfRangeException(nameof(target), target, $"an Exp(1) target must be ≥ 0, got {Require.Fmt(target)}.");
        UniformsDrawn++;
        // One uniform per action, kept across feedback events (TPPRL Alg. 2, step 1).
        _target = target;
        _accumulated = 0;
        Origin = time;
        _started = true;
    }

    /// <summary>Adds Λ_old(s − t₀) to A and returns the remaining target E − A (≥ 0).</summary>
    private double CloseElapsedPiece(double time)
    {
        if (!_started)
            throw new InvalidOperationException("OnFeedback needs a pending action: call StartAfterAction first.");
        if (!(time >= Origin) || !(time <= PendingTime) || double.IsInfinity(time))
            throw new ArgumentOutOfRangeException(nameof(time), time,
                $"feedback time must be finite and lie in [{Require.Fmt(Origin)}, {Require.Fmt(PendingTime)}] " +
                $"(the current origin and pending action time), got {Require.Fmt(time)}.");
        double elapsed = time - Origin;
        _accumulated += _law is null
            ? ExponentialInTimeKernel.CumulativeHazard(_c, _omega, elapsed)
            : _law.CumulativeHazard(elapsed);
        Origin = time;
        // Rounding can make A exceed E by an ulp when the feedback coincides with the pending action.
        return Math.Max(_target - _accumulated, 0);
    }
}
