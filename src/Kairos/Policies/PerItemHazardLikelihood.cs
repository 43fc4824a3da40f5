using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// One interval's term of the log-likelihood of a <see cref="PerItemHazardPolicy"/> tape, and its gradient. On
/// (t_k, t_k + Δ] every item has λ_i(s) = exp(c_i + ω_i s), s = t − t_k (<see cref="PerItemHazardLayout"/>); the
/// interval ends with an action of item y (y ≥ 0) or without one (feedback, or the horizon: y = −1). Competing risks:
/// <code>
///   ℓ = [y ≥ 0](c_y + ω_y Δ) − Σ_i Λ(c_i, ω_i, Δ),   Λ = ∫₀^Δ e^{c+ωs} ds   (ExponentialInTimeKernel)
///   ∂ℓ/∂c_i = [i = y] − Λ_i,   ∂ℓ/∂ω_i = [i = y]Δ − ∂Λ_i/∂ω
///   ∂c_i/∂b = 1, ∂c_i/∂γ = s, ∂c_i/∂u = φ_i;   ∂ω_i/∂w = 1, ∂ω_i/∂u = φ̇_i
/// </code>
/// </summary>
public static class PerItemHazardLikelihood
{
    /// <summary>c_i and ω_i of every item from the inputs frozen at the interval's start.</summary>
    public static void Rates(ReadOnlySpan<double> theta, PerItemHazardLayout layout, ReadOnlySpan<double> shared,
        ReadOnlySpan<double> phi, ReadOnlySpan<double> phiDot, Span<double> c, Span<double> omega)
    {
        int g = layout.Features;
        double common = theta[PerItemHazardLayout.B];
        for (int q = 0; q < layout.Shared; q++) common += theta[PerItemHazardLayout.Gamma + q] * shared[q];
        var u = theta.Slice(layout.U, g);
        for (int i = 0; i < layout.Marks; i++)
        {
            double ci = common, wi = theta[PerItemHazardLayout.W];
            var p = phi.Slice(i * g, g);
            var d = phiDot.Slice(i * g, g);
            for (int j = 0; j < g; j++) { ci += u[j] * p[j]; wi += u[j] * d[j]; }
            (c[i], omega[i]) = (ci, wi);
        }
    }

    /// <summary>The interval's ℓ; adds α·∇ℓ into <paramref name="gradient"/> when it is not empty, and returns Σ_i Λ_i
    /// in <paramref name="integral"/>.</summary>
    public static double Interval(ReadOnlySpan<double> theta, PerItemHazardLayout layout, ReadOnlySpan<double> shared,
        ReadOnlySpan<double> phi, ReadOnlySpan<double> phiDot, double delta, int fired, Span<double> gradient, out double integral,
        double alpha = 1)
    {
        int a = layout.Marks, g = layout.Features;
        if (fired >= a) throw new ArgumentOutOfRangeException(nameof(fired), fired, $"item {fired} outside [0, {a}).");
        Span<double> c = a <= 256 ? stackalloc double[a] : new double[a];
        Span<double> omega = a <= 256 ? stackalloc double[a] : new double[a];
        Rates(theta, layout, shared, phi, phiDot, c, omega);
        double ll = 0, total = 0, dc = 0, dw = 0;
        bool grad = !gradient.IsEmpty;
        for (int i = 0; i < a; i++)
        {
            var (lam, _, dLdw, _) = ExponentialInTimeKernel.Interval(c[i], omega[i], delta);
            double gc = -lam, gw = -dLdw;
            total += lam;
            if (i == fired)
            {
                ll += c[i] + omega[i] * delta;
                gc += 1;
                gw += delta;
            }
            if (!grad) continue;
            dc += gc;
            dw += gw;
            var p = phi.Slice(i * g, g);
            var d = phiDot.Slice(i * g, g);
            for (int j = 0; j < g; j++) gradient[layout.U + j] += alpha * (gc * p[j] + gw * d[j]);
        }
        integral = total;
        if (grad)
        {
            gradient[PerItemHazardLayout.B] += alpha * dc;
            gradient[PerItemHazardLayout.W] += alpha * dw;
            for (int q = 0; q < layout.Shared; q++) gradient[PerItemHazardLayout.Gamma + q] += alpha * dc * shared[q];
        }
        return ll - total;
    }
}
