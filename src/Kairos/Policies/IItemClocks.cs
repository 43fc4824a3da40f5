namespace Kairos.Policies;

/// <summary>
/// An item-feature state that also gives each item's predicted forgetting as a clock in time, opened a floor after
/// the item's last review η_m (as FSRS never schedules sooner than a day): with the clock written at t, item m's
/// clock is shut for s &lt; δ_m = max(η_m + floor − t, 0), and from then until m's next review
/// −ln R̂_m(t + s) = d_m·(ℓ_m + log1p(ρ_m (s − δ_m))), where ℓ_m = −ln R̂_m(t + δ_m)/d_m. For the FSRS-6 power curve
/// R̂ = (1 + factor·(t − η_m)/S_m)^(−d) this is exact with ℓ_m = ln(1 + factor·(t + δ_m − η_m)/S_m) and
/// ρ_m = factor/(S_m e^{ℓ_m}). A per-item intensity 1[open]·e^{c + κ(−ln R̂_m(t))} is then a power of the elapsed
/// time since the clock opened, whose compensator and inverse are closed forms
/// (<see cref="PointProcesses.PowerInTimeKernel"/>).
/// </summary>
public interface IItemClocks
{
    /// <summary>Writes (ℓ_m, ρ_m, d_m, δ_m) for every item m at <paramref name="time"/>, item-major (length 4A).</summary>
    void WriteClocks(double time, Span<double> destination);
}
