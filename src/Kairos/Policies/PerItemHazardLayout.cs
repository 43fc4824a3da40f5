namespace Kairos.Policies;

/// <summary>
/// Parameter layout of a <see cref="PerItemHazardPolicy"/>: θ = [b, w, γ (Q shared inputs), u (G per-item features)].
/// Item i's log-intensity on the interval after the last event t_k is
/// <code>
///   log λ_i(t) = c_i + ω_i (t − t_k),   c_i = b + γᵀs_k + uᵀφ_i(t_k),   ω_i = w + uᵀφ̇_i(t_k)
/// </code>
/// with s_k the shared inputs (summaries of the items' features and the elapsed fraction of the window) and φ_i, φ̇_i
/// item i's features and their time derivative, frozen at t_k: the first-order expansion in time of
/// b + γᵀs + uᵀφ_i(t) + w(t − t_k), exact in form between events.
/// </summary>
/// <param name="Marks">A, the number of items (action marks).</param>
/// <param name="Shared">Q, the inputs shared by all items.</param>
/// <param name="Features">G, the features per item.</param>
public sealed record PerItemHazardLayout(int Marks, int Shared, int Features)
{
    public const int B = 0, W = 1, Gamma = 2;
    public int U => Gamma + Shared;
    public int Length => U + Features;

    /// <summary>The layout in words, for messages to users.</summary>
    public string Describe() => $"{Marks} item(s), {Shared} shared input(s), {Features} feature(s) per item: {Length} parameters";

    public override string ToString() => $"per-item(A={Marks}, Q={Shared}, G={Features})";
}
