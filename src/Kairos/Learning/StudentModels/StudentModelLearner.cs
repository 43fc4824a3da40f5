using Kairos.Numerics;

namespace Kairos.Learning.StudentModels;

/// <summary>
/// Maximum-likelihood fit of α, β and n_i(0) (<see cref="StudentModelLikelihood"/>) by damped Newton's method. The
/// Hessian is arrow-shaped (diagonal in the ν_i, plus two dense rows for a and b), so each step is exact in
/// O(K + rows) by the Schur complement on the 2 × 2 (a, b) block. A weak ridge λ/2 Σ(ν_i − μ)² around the pooled
/// log-rate μ keeps items without lapses finite (their MLE is n_i(0) → 0); with λ = 0.1 it is worth a tenth
/// of a session at curvature 1.
/// The fit stays in the model's domain α ∈ [0, 1), β ≥ 0 (a ≤ 0, b ≥ 0): a projected Newton method with an active
/// set (a coordinate at its bound whose gradient points out of the domain is held there). Standard errors of α and β
/// come from the observed information of the penalised likelihood at the optimum: Cov(a, b) = S⁻¹, S the Schur
/// complement of the ν-block of −H, mapped by the delta method (dα/da = −e^a, dβ/db = e^b).
/// </summary>
public sealed class StudentModelLearner
{
    public StudentModelLearner(double ridge = 0.1, int maxIterations = 200, double tolerance = 1e-9)
    {
        Ridge = Require.NonNegative(ridge, nameof(ridge));
        MaxIterations = Require.Positive(maxIterations, nameof(maxIterations));
        Tolerance = Require.Positive(tolerance, nameof(tolerance));
    }

    public double Ridge { get; }
    public int MaxIterations { get; }
    public double Tolerance { get; }

    public StudentModelFit Fit(StudentObservationSet data, IProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new UserInputException("no sessions to fit the student model on");
        int k = data.ItemCount, sa = StudentModelLikelihood.AlphaSlot(k), sb = StudentModelLikelihood.BetaSlot(k);
        double mu = PooledLogRate(data);
        var theta = new double[k + 2];
        Array.Fill(theta, mu, 0, k);
        var grad = new double[k + 2]; var diag = new double[k]; var cross = new double[2 * k]; var corner = new double[3];
        var step = new double[k + 2]; var trial = new double[k + 2];
        var g2 = new double[k + 2]; var d2 = new double[k]; var c2 = new double[2 * k]; var k2 = new double[3];
        double value = StudentModelLikelihood.Evaluate(data, theta, Ridge, mu, grad, diag, cross, corner);
        int iter = 0;
        bool converged = false;
        for (; iter < MaxIterations && !converged; iter++)
        {
            // Active set: a bound coordinate whose ascent direction leaves the domain stays on the bound.
            bool freeA = !(theta[sa] >= 0 && grad[sa] > 0), freeB = !(theta[sb] <= 0 && grad[sb] < 0);
            NewtonStep(k, grad, diag, cross, corner, step, freeA, freeB);
            double t = 1, next = double.NegativeInfinity;
            for (int halving = 0; halving < 40; halving++, t /= 2)
            {
                for (int j = 0; j < theta.Length; j++) trial[j] = theta[j] + t * step[j];
                trial[sa] = Math.Min(trial[sa], 0);
                trial[sb] = Math.Max(trial[sb], 0);
                next = StudentModelLikelihood.Evaluate(data, trial, Ridge, mu, g2, d2, c2, k2);
                if (next >= value - 1e-12 * Math.Abs(value)) break;
            }
            double maxStep = 0;
            for (int j = 0; j < step.Length; j++) maxStep = Math.Max(maxStep, Math.Abs(trial[j] - theta[j]));
            if (!(next >= value - 1e-12 * Math.Abs(value))) break;   // no ascent possible: at the optimum to rounding
            (theta, trial) = (trial, theta);
            (grad, g2) = (g2, grad); (diag, d2) = (d2, diag); (cross, c2) = (c2, cross); (corner, k2) = (k2, corner);
            value = next;
            converged = maxStep < Tolerance;
            progress?.Report(iter + 1);
        }
        var (varA, varB) = AlphaBetaVariances(k, diag, cross, corner);
        bool alphaAtBound = theta[sa] >= 0, betaAtBound = theta[sb] <= 0;
        return new StudentModelFit(0.0 - Fn.Expm1(theta[sa]), Fn.Expm1(theta[sb]), theta.Take(k).Select(Math.Exp).ToArray(),
            data.ItemIds.ToArray(), data.Labels.ToArray(), Math.Exp(mu), value, iter, converged)
        {
            AlphaStandardError = Math.Exp(theta[sa]) * Math.Sqrt(varA),
            BetaStandardError = Math.Exp(theta[sb]) * Math.Sqrt(varB),
            AlphaAtBound = alphaAtBound, BetaAtBound = betaAtBound,
            AlphaIdentified = double.IsFinite(varA), BetaIdentified = double.IsFinite(varB),
        };
    }

    /// <summary>Var(a), Var(b) from the (a, b) block of (−H)⁻¹, i.e. S⁻¹ with S = C − Bᵀ D⁻¹ B; +∞ when the data carry
    /// no information on the parameter (S singular in that direction, e.g. no lapses for b).</summary>
    public static (double VarA, double VarB) AlphaBetaVariances(int k, double[] diag, double[] cross, double[] corner)
    {
        var (s00, s01, s11) = Schur(k, diag, cross, corner);
        double scale = Math.Abs(corner[0]) + Math.Abs(corner[2]) + 1;
        double det = s00 * s11 - s01 * s01, tiny = 1e-9 * scale;
        bool aInformed = s00 > tiny, bInformed = s11 > tiny, joint = det > tiny * tiny;
        double varA = !aInformed ? double.PositiveInfinity : bInformed ? (joint ? s11 / det : double.PositiveInfinity) : 1 / s00;
        double varB = !bInformed ? double.PositiveInfinity : aInformed ? (joint ? s00 / det : double.PositiveInfinity) : 1 / s11;
        return (varA, varB);
    }

    private static (double S00, double S01, double S11) Schur(int k, double[] diag, double[] cross, double[] corner)
    {
        double s00 = -corner[0], s01 = -corner[1], s11 = -corner[2];
        for (int i = 0; i < k; i++)
        {
            double d = Math.Max(-diag[i], 1e-12), b0 = -cross[2 * i], b1 = -cross[2 * i + 1];
            s00 -= b0 * b0 / d; s01 -= b0 * b1 / d; s11 -= b1 * b1 / d;
        }
        return (s00, s01, s11);
    }

    /// <summary>Solves (−H) s = g for the arrow-shaped Hessian H by the Schur complement on (a, b); a coordinate that
    /// is not free gets step 0 and the others solve the reduced system.</summary>
    private static void NewtonStep(int k, double[] grad, double[] diag, double[] cross, double[] corner, double[] step,
        bool freeA, bool freeB)
    {
        // With D = −diag, B = −cross, C = −corner: S = C − Bᵀ D⁻¹ B, r = g_ab − Bᵀ D⁻¹ g_ν.
        var (s00, s01, s11) = Schur(k, diag, cross, corner);
        double r0 = grad[k], r1 = grad[k + 1];
        for (int i = 0; i < k; i++)
        {
            double d = Math.Max(-diag[i], 1e-12), b0 = -cross[2 * i], b1 = -cross[2 * i + 1];
            r0 -= b0 * grad[i] / d; r1 -= b1 * grad[i] / d;
        }
        double jitter = 1e-10 * (Math.Abs(s00) + Math.Abs(s11) + 1);   // a or b unidentified (no lapses, say)
        s00 += jitter; s11 += jitter;
        if (freeA && freeB)
        {
            double det = s00 * s11 - s01 * s01;
            step[k] = (s11 * r0 - s01 * r1) / det;
            step[k + 1] = (s00 * r1 - s01 * r0) / det;
        }
        else
        {
            step[k] = freeA ? r0 / s00 : 0;
            step[k + 1] = freeB ? r1 / s11 : 0;
        }
        for (int i = 0; i < k; i++)
        {
            double d = Math.Max(-diag[i], 1e-12);
            step[i] = (grad[i] + cross[2 * i] * step[k] + cross[2 * i + 1] * step[k + 1]) / d;
        }
    }

    /// <summary>μ = log of the MLE of one shared rate with α = β = 0 (1-D Newton; ℓ is concave in η).</summary>
    private static double PooledLogRate(StudentObservationSet data)
    {
        double eta = 0;
        for (int it = 0; it < 100; it++)
        {
            double d1 = 0, d2 = 0, scale = Math.Exp(eta);
            for (int r = 0; r < data.Count; r++)
            {
                var (_, a, b) = StudentModelLikelihood.Session(scale * data.Deltas[r], data.TrialCounts[r], data.RecallCounts[r]);
                d1 += a; d2 += b;
            }
            double s = Math.Clamp(-d1 / Math.Min(d2, -1e-12), -2, 2);
            eta += s;
            if (Math.Abs(s) < 1e-10) break;
        }
        return Math.Clamp(eta, Math.Log(1e-6), Math.Log(100));
    }
}
