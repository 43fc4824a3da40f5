using System.Globalization;

namespace Kairos.Models.SpacedRepetition.Fsrs;

/// <summary>
/// The 21 parameters w0…w20 of FSRS-6 (fsrs-rs 6.x / py-fsrs; shared/reference/ecosystem.md §2.1):
/// w0–w3 initial stability per first rating, w4–w5 initial difficulty, w6 difficulty step, w7 mean reversion,
/// w8–w10 stability after success, w11–w14 after a lapse, w15 Hard penalty, w16 Easy bonus, w17–w19 same-day terms,
/// w20 the decay of the power forgetting curve. Immutable.
/// </summary>
public sealed class FsrsParameters
{
    public const int Count = 21;

    private static readonly double[] _defaults =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    /// <summary>Box constraints of each parameter, as fsrs-rs clips them during optimisation (parameter_clipper,
    /// FSRS-6, short-term on, one relearning step): stability bounds [0.001, 100], D0 in [1, 10], and so on.</summary>
    public static IReadOnlyList<(double Low, double High)> Bounds { get; } =
    [
        (0.001, 100), (0.001, 100), (0.001, 100), (0.001, 100), (1, 10), (0.001, 4), (0.001, 4), (0.001, 0.75),
        (0, 4.5), (0, 0.8), (0.001, 3.5), (0.001, 5), (0.001, 0.25), (0.001, 0.9), (0, 4), (0, 1), (1, 6),
        (0, 2), (0, 2), (0.01, 0.8), (0.1, 0.8),
    ];

    private readonly double[] _w;

    /// <param name="weights">w0…w20; each finite and inside <see cref="Bounds"/>.</param>
    public FsrsParameters(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != Count)
            throw new ArgumentException($"FSRS-6 has {CountText.Of(Count, "parameter")}, got {weights.Count}.", nameof(weights));
        _w = weights.ToArray();
        for (int i = 0; i < Count; i++)
        {
            var (lo, hi) = Bounds[i];
            // w19 may be 0 (short-term terms off) although the optimiser keeps it at ≥ 0.01.
            if (i == 19) lo = 0;
            if (!(double.IsFinite(_w[i]) && _w[i] >= lo && _w[i] <= hi))
                throw new ArgumentOutOfRangeException(nameof(weights), _w[i], string.Create(CultureInfo.InvariantCulture,
                    $"FSRS parameter w{i} must lie in [{lo:R}, {hi:R}], got {_w[i]:R}."));
        }
        Factor = Math.Pow(0.9, -1 / Decay) - 1;
    }

    /// <summary>The FSRS-6 defaults (fsrs-rs <c>FSRS6_DEFAULT_PARAMETERS</c>, identical in py-fsrs).</summary>
    public static FsrsParameters Default { get; } = new(_defaults);

    public double this[int index] => _w[index];
    public IReadOnlyList<double> Weights => _w;
    public ReadOnlySpan<double> AsSpan() => _w;

    /// <summary>Decay d = w20 of the forgetting curve R = (1 + factor·t/S)^(−d).</summary>
    public double Decay => _w[20];

    /// <summary>factor = 0.9^(−1/d) − 1, so that R(S, S) = 0.9.</summary>
    public double Factor { get; }

    /// <summary>The parameters with every value clamped into <see cref="Bounds"/>.</summary>
    public static FsrsParameters Clipped(IReadOnlyList<double> weights) =>
        new(weights.Select((w, i) => Math.Clamp(w, Bounds[i].Low, Bounds[i].High)).ToArray());

    public override string ToString() =>
        "FSRS-6[" + string.Join(", ", _w.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))) + "]";
}
