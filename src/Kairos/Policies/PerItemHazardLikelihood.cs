using Kairos.PointProcesses;

namespace Kairos.Policies;

/// <summary>
/// One interval's term of the log-likelihood of a <see cref="PerItemHazardPolicy"/> tape, and its gradient. On
/// (t_k, t_k + Δ] the interval ends with an action of item y (y ≥ 0) or without one (feedback, or the horizon:
/// y = −1). Competing risks: ℓ = [y ≥ 0] log λ_y(Δ) − Σ_i Λ_i(Δ), and with c_i = b + γᵀs + uᵀφ_i
/// (<see cref="PerItemHazardLayout"/>), ∂c_i/∂b = 1, ∂c_i/∂γ = s, ∂c_i/∂u = φ_i.
/// <code>
/// Linear (λ_i(s) = e^{c_i + ω_i s}, Λ by ExponentialInTimeKernel):
///   ∂ℓ/∂c_i = [i = y] − Λ_i,   ∂ℓ/∂ω_i = [i = y]Δ − ∂Λ_i/∂ω;   ∂ω_i/∂w = 1, ∂ω_i/∂u = φ̇_i
/// Retrievability (clock (ℓ_i, ρ_i, d_i, δ_i), IItemClocks: λ_i(s) = 1[s ≥ δ_i] e^{a_i}(1 + ρ_i (s − δ_i))^{p_i},
/// a_i = c_i + p_i ℓ_i, p_i = κ d_i, Λ by PowerInTimeKernel over (Δ − δ_i)₊; κ = w):
///   ∂ℓ/∂c_i = [i = y] − Λ_i,   ∂ℓ/∂κ = Σ_i d_i ([i = y](ℓ_i + log1p(ρ_i (Δ − δ_i))) − ℓ_i Λ_i − ∂Λ_i/∂p)
/// </code>
/// </summary>
public static class PerItemHazardLikelihood
{
    /// <summary>Every item's log-intensity at the interval's start (c_i, or a_i for the retrievability clock) and its
    /// time rate (ω_i, or the power p_i) from the inputs frozen there.</summary>
    public static void Rates(ReadOnlySpan<double> theta, PerItemHazardLayout layout, ReadOnlySpan<double> shared,
        ReadOnlySpan<double> phi, ReadOnlySpan<double> timeInputs, Span<double> c, Span<double> omega)
    {
        int g = layout.Features;
        double common = theta[PerItemHazardLayout.B], w = theta[PerItemHazardLayout.W];
        for (int q = 0; q < layout.Shared; q++) common += theta[PerItemHazardLayout.Gamma + q] * shared[q];
        var u = theta.Slice(layout.U, g);
        bool linear = layout.Clock == PerItemClock.Linear;
        for (int i = 0; i < layout.Marks; i++)
        {
            double ci = common;
            var p = phi.Slice(i * g, g);
            for (int j = 0; j < g; j++) ci += u[j] * p[j];
            if (linear)
            {
                double wi = w;
                var d = timeInputs.Slice(i * g, g);
                for (int j = 0; j < g; j++) wi += u[j] * d[j];
                (c[i], omega[i]) = (ci, wi);
            }
            else
            {
                double power = w * timeInputs[4 * i + 2];
                (c[i], omega[i]) = (ci + power * timeInputs[4 * i], power);
            }
        }
    }

    /// <summary>The interval's ℓ; adds α·∇ℓ into <paramref name="gradient"/> when it is not empty, and returns Σ_i Λ_i
    /// in <paramref name="integral"/>.</summary>
    public static double Interval(ReadOnlySpan<double> theta, PerItemHazardLayout layout, ReadOnlySpan<double> shared,
        ReadOnlySpan<double> phi, ReadOnlySpan<double> timeInputs, double delta, int fired, Span<double> gradient, out double integral,
        double alpha = 1)
    {
        int a = layout.Marks, g = layout.Features;
        if (fired >= a) throw new ArgumentOutOfRangeException(nameof(fired), fired, $"item {fired} outside [0, {a}).");
        Span<double> c = a <= 256 ? stackalloc double[a] : new double[a];
        Span<double> omega = a <= 256 ? stackalloc double[a] : new double[a];
        Rates(theta, layout, shared, phi, timeInputs, c, omega);
        double ll = 0, total = 0, dc = 0, dw = 0;
        bool grad = !gradient.IsEmpty, linear = layout.Clock == PerItemClock.Linear;
        for (int i = 0; i < a; i++)
        {
            double lam, gc, gw;
            if (linear)
            {
                var (l, _, dLdw, _) = ExponentialInTimeKernel.Interval(c[i], omega[i], delta);
                (lam, gc, gw) = (l, -l, -dLdw);
                if (i == fired) { ll += c[i] + omega[i] * delta; gc += 1; gw += delta; }
            }
            else
            {
                double age = timeInputs[4 * i], rho = timeInputs[4 * i + 1], d = timeInputs[4 * i + 2], open = delta - timeInputs[4 * i + 3];
                var (l, dLdp) = PowerInTimeKernel.Interval(c[i], omega[i], rho, open);
                (lam, gc, gw) = (l, -l, -d * (age * l + dLdp));
                if (i == fired)
                {
                    if (!(open >= 0)) throw new ArgumentException($"item {i} fired at {delta:R} after the interval's start, before its clock opened.", nameof(fired));
                    double u = Numerics.Fn.Log1p(rho * open);
                    ll += c[i] + omega[i] * u;
                    gc += 1;
                    gw += d * (age + u);
                }
            }
            total += lam;
            if (!grad) continue;
            dc += gc;
            dw += gw;
            var p = phi.Slice(i * g, g);
            for (int j = 0; j < g; j++) gradient[layout.U + j] += alpha * gc * p[j];
            if (linear)
            {
                var dot = timeInputs.Slice(i * g, g);
                for (int j = 0; j < g; j++) gradient[layout.U + j] += alpha * gw * dot[j];
            }
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
