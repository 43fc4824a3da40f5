using Kairos.Numerics;

namespace Kairos.Learning.StudentModels;

/// <summary>
/// Log-likelihood of sessions under the exponential-forgetting student model (Tabibian et al. 2019; TPPRL eq. 16).
/// Ignoring the clip, the rate after c recalls and w lapses is n = n_i(0)(1−α)^c(1+β)^w whatever their order,
/// so with η = log n = ν_i + c·a + w·b (ν_i = log n_i(0), a = log(1−α), b = log(1+β)) a session of m trials at
/// delay Δ with k recalls has p = exp(−e^η Δ) and log-likelihood ℓ = k log p + (m−k) log(1−p)
/// = −k x + (m−k) log(1 − e^{−x}), x = e^η Δ (binomial coefficient dropped). ℓ is concave in η (a binomial GLM
/// with complementary log-log link for the lapse probability), hence in θ = (ν, a, b).
/// Derivatives in η: ℓ' = −k x + (m−k) g(x), ℓ'' = x(−k + (m−k) g'(x)), g(x) = x/expm1(x).
/// Layout of θ: ν_0..ν_{K−1}, then a, then b (<see cref="AlphaSlot"/>, <see cref="BetaSlot"/>).
/// </summary>
public static class StudentModelLikelihood
{
    /// <summary>Floor on x = nΔ, so a lapse at Δ = 0 costs log(1e-12) instead of −∞.</summary>
    public const double MinExposure = 1e-12;

    public static int AlphaSlot(int items) => items;
    public static int BetaSlot(int items) => items + 1;

    /// <summary>p = exp(−n Δ) for a session with the given counts.</summary>
    public static double RecallProbability(double initialRate, double alpha, double beta, int correct, int wrong, double deltaDays) =>
        Math.Exp(-initialRate * Math.Pow(1 - alpha, correct) * Math.Pow(1 + beta, wrong) * deltaDays);

    /// <summary>ℓ(x) and its first two derivatives in η for one session (x = e^η Δ).</summary>
    public static (double Value, double D1, double D2) Session(double x, int trials, int recalls)
    {
        int lapses = trials - recalls;
        x = Math.Max(x, MinExposure);   // Δ = 0 (same-second sessions) would make a lapse impossible: log(1 − p) = −∞
        double g, dg;   // g = x/expm1(x), dg = g'(x)
        if (x < 1e-4) { g = 1 - x / 2 + x * x / 12; dg = -0.5 + x / 6; }
        else if (x > 700) { g = 0; dg = 0; }
        else
        {
            double em1 = Fn.Expm1(x);
            g = x / em1;
            dg = g * (1 / x - 1 - 1 / em1);   // d/dx log g = 1/x − e^x/expm1(x)
        }
        double value = -recalls * x + (lapses == 0 ? 0 : lapses * Fn.Log1mExp(x));
        return (value, -recalls * x + lapses * g, x * (-recalls + lapses * dg));
    }

    /// <summary>Total log-likelihood minus the ridge λ/2 Σ(ν_i − μ)², with gradient and the arrow-shaped Hessian
    /// written into the caller's buffers: <paramref name="gradient"/> (K + 2), <paramref name="diagonal"/> (K, the ν–ν
    /// entries), <paramref name="cross"/> (K × 2, ν–a and ν–b) and <paramref name="corner"/> (3: aa, ab, bb).</summary>
    public static double Evaluate(StudentObservationSet data, ReadOnlySpan<double> theta, double ridge, double priorMean,
        Span<double> gradient, Span<double> diagonal, Span<double> cross, Span<double> corner)
    {
        int k = data.ItemCount, sa = AlphaSlot(k), sb = BetaSlot(k);
        gradient.Clear(); diagonal.Clear(); cross.Clear(); corner.Clear();
        double total = 0;
        for (int r = 0; r < data.Count; r++)
        {
            int i = data.Items[r], c = data.Corrects[r], w = data.Wrongs[r];
            double eta = theta[i] + c * theta[sa] + w * theta[sb];
            double x = Math.Exp(eta) * data.Deltas[r];
            var (v, d1, d2) = Session(x, data.TrialCounts[r], data.RecallCounts[r]);
            total += v;
            gradient[i] += d1; gradient[sa] += d1 * c; gradient[sb] += d1 * w;
            diagonal[i] += d2; cross[2 * i] += d2 * c; cross[2 * i + 1] += d2 * w;
            corner[0] += d2 * c * c; corner[1] += d2 * c * w; corner[2] += d2 * w * w;
        }
        for (int i = 0; i < k; i++)
        {
            double dev = theta[i] - priorMean;
            total -= 0.5 * ridge * dev * dev;
            gradient[i] -= ridge * dev;
            diagonal[i] -= ridge;
        }
        return total;
    }
}
