namespace Kairos.Policies;

/// <summary>How an item's intensity moves between events (<see cref="PerItemHazardLayout"/>).</summary>
public enum PerItemClock
{
    /// <summary>log λ_i linear in t − t_k: the features' first-order expansion in time (ω_i = w + uᵀφ̇_i).</summary>
    Linear,
    /// <summary>log λ_i = c_i + κ(−ln R̂_i(t)) with the item's predicted retrievability moving continuously
    /// (<see cref="IItemClocks"/>): a power of the item's own elapsed time, so an item fires as its R̂ falls.</summary>
    Retrievability,
}

/// <summary>
/// Parameter layout of a <see cref="PerItemHazardPolicy"/>: θ = [b, w, γ (Q shared inputs), u (G per-item features)].
/// Item i's log-intensity on the interval after the last event t_k is, with c_i = b + γᵀs_k + uᵀφ_i(t_k),
/// <code>
///   Linear:          log λ_i(t) = c_i + ω_i (t − t_k),   ω_i = w + uᵀφ̇_i(t_k)
///   Retrievability:  log λ_i(t) = c_i + w·(−ln R̂_i(t)) once the item's clock is open, else λ_i = 0
///                    (w is the sharpness κ; R̂_i(t) continuous in t; the clock opens a floor after the item's review)
/// </code>
/// with s_k the shared inputs (summaries of the items' features and the elapsed fraction of the window) and φ_i, φ̇_i
/// item i's features and their time derivative, frozen at t_k. The linear clock is the first-order expansion in time
/// of b + γᵀs + uᵀφ_i(t) + w(t − t_k); the retrievability clock is exact in R̂ and a power of the elapsed time
/// (<see cref="PointProcesses.PowerInTimeKernel"/>): a steep κ turns "review when R̂ reaches r*" into a hazard.
/// </summary>
/// <param name="Marks">A, the number of items (action marks).</param>
/// <param name="Shared">Q, the inputs shared by all items.</param>
/// <param name="Features">G, the features per item.</param>
/// <param name="Clock">How an item's intensity moves in time between events.</param>
public sealed record PerItemHazardLayout(int Marks, int Shared, int Features, PerItemClock Clock = PerItemClock.Linear)
{
    public const int B = 0, W = 1, Gamma = 2;
    public int U => Gamma + Shared;
    public int Length => U + Features;
    /// <summary>Per-item time inputs frozen at each event: φ̇ (A·G) for the linear clock, the clocks (ℓ, ρ, d, δ) (4A)
    /// for the retrievability clock.</summary>
    public int TimeInputs => Clock == PerItemClock.Linear ? Marks * Features : 4 * Marks;

    /// <summary>The layout in words, for messages to users.</summary>
    public string Describe() => $"{Marks} item(s), {Shared} shared input(s), {Features} feature(s) per item" +
        (Clock == PerItemClock.Linear ? "" : ", retrievability clock") + $": {CountText.Of(Length, "parameter")}";

    public override string ToString() => Clock == PerItemClock.Linear
        ? $"per-item(A={Marks}, Q={Shared}, G={Features})"
        : $"per-item(A={Marks}, Q={Shared}, G={Features}, clock=retrievability)";
}
