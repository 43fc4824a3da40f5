using Kairos.Numerics;

namespace Kairos.Neural;

/// <summary>lr_t = lr₀ / (1 + rate·t) for update t = 0, 1, … (tf.train.inverse_time_decay with decay_steps = 1,
/// not staircase; TPPRL Table 1 uses 0.02/(1 + 2·10⁻³ i) for spaced repetition).</summary>
public sealed record InverseTimeDecay
{
    public InverseTimeDecay(double initial, double rate)
    {
        Initial = Require.Positive(initial, nameof(initial));
        Rate = Require.NonNegative(rate, nameof(rate));
    }

    public double Initial { get; }
    public double Rate { get; }
    public double At(int step) => Initial / (1 + Rate * step);
    public override string ToString() => $"lr(t) = {Initial:G4}/(1 + {Rate:G4}·t)";
}
