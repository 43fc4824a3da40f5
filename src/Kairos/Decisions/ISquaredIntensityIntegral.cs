namespace Kairos.Decisions;

/// <summary>
/// A timing state that integrates the square of its action intensity exactly over its current piece: ∫_from^to λ(t)² dt
/// for <c>from</c> at or after the last observed event and no event in (from, to). Summed over an episode's pieces this
/// is the ∫λ² of TPPRL's intensity cost q/2 ∫λ(t)² dt (Upadhyay et al. 2018, eq. 3), which an environment scored by
/// that objective charges every policy for (the simulator's intensity-costed environments).
/// </summary>
public interface ISquaredIntensityIntegral
{
    double SquaredIntensityIntegral(double from, double to);
}
