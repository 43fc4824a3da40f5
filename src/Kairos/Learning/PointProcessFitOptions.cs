namespace Kairos.Learning;

/// <summary>Settings of <see cref="PointProcessFitter"/>: BFGS iteration limit, gradient tolerance (on the
/// per-event mean gradient in the unconstrained space) and the fixed reference time t0 of the exp family.</summary>
public sealed record PointProcessFitOptions(int MaxIterations = 1000, double GradientTolerance = 1e-9, double ExpT0 = 0)
{
    public static PointProcessFitOptions Default { get; } = new();
}
