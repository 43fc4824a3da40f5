using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Learning.Fsrs;

/// <summary>
/// The FSRS-6 training loss of fsrs-rs (training.rs): the binary cross-entropy Σ −[y ln R + (1 − y) ln(1 − R)] over
/// the scored reviews, where y = 1 unless the rating is Again and R = R(Δt, S) is the retrievability from the memory
/// state S after the card's earlier reviews (<see cref="FsrsModel"/>, clamps included), plus the same value's gradient
/// in the 21 parameters by forward-mode differentiation: every S and D carries its 21 partial derivatives along the
/// card's history. A clamp that binds passes a zero derivative (as autodiff of clamp does). R is clipped to
/// [<see cref="MinR"/>, 1 − <see cref="MinR"/>] inside the logarithms.
/// </summary>
public static class FsrsLogLoss
{
    public const double MinR = 1e-6;
    private const int P = FsrsParameters.Count;
    private static readonly double Ln09 = Math.Log(0.9);

    /// <summary>The loss over reviews i with <paramref name="scored"/>[i] (each must be long-term), and its gradient
    /// into <paramref name="gradient"/> (length 21) when that is not empty.</summary>
    public static double Evaluate(FsrsReviewSet data, ReadOnlySpan<double> w, ReadOnlySpan<bool> scored, Span<double> gradient)
    {
        bool grad = !gradient.IsEmpty;
        if (grad) gradient.Clear();
        Span<double> dS = stackalloc double[P], dD = stackalloc double[P], dR = stackalloc double[P];
        Span<double> tmp = stackalloc double[P], dD0 = stackalloc double[P];
        double d = w[20], f = Math.Pow(0.9, -1 / d) - 1;
        double dfdd = (f + 1) * Ln09 / (d * d);   // ∂factor/∂w20 for factor = 0.9^(−1/d) − 1
        double d0Easy = w[4] - Math.Exp(3 * w[5]) + 1;
        dD0.Clear();
        dD0[4] = 1;
        dD0[5] = -3 * Math.Exp(3 * w[5]);
        double loss = 0;
        for (int k = 0; k < data.CardCount; k++)
        {
            int begin = data.CardStart[k], end = data.CardStart[k + 1];
            double s = 0, dif = 0;
            for (int i = begin; i < end; i++)
            {
                int g = (int)data.Ratings[i];
                if (i == begin)
                {
                    Initial(w, g, ref s, ref dif, dS, dD, grad);
                    continue;
                }
                double t = data.Elapsed[i];
                double r = 1, u = 1;
                if (t > 0)
                {
                    u = 1 + f * t / s;
                    r = Math.Pow(u, -d);
                    if (grad)
                    {
                        // ln R = −d ln u, u = 1 + f t/S: dR = R(−ln u·dd − d·t(df/S − f dS/S²)/u)
                        double c = -d * t / u;
                        for (int j = 0; j < P; j++) dR[j] = r * c * (-f * dS[j] / (s * s));
                        dR[20] += r * (-Math.Log(u) + c * dfdd / s);
                    }
                }
                else if (grad) dR.Clear();
                if (scored[i])
                {
                    double y = g > 1 ? 1 : 0, p = Math.Clamp(r, MinR, 1 - MinR);
                    loss -= y * Math.Log(p) + (1 - y) * Math.Log(1 - p);
                    if (grad && p == r)
                    {
                        double dl = y > 0 ? -1 / p : 1 / (1 - p);
                        for (int j = 0; j < P; j++) gradient[j] += dl * dR[j];
                    }
                }
                double sNext = t < FsrsModel.SameDay ? ShortTerm(w, g, s, dS, tmp, grad)
                    : g == 1 ? Lapse(w, s, dif, r, dS, dD, dR, tmp, grad)
                    : Success(w, g, s, dif, r, dS, dD, dR, tmp, grad);
                if (grad) tmp.CopyTo(dS);
                s = ClampWithDerivative(sNext, FsrsModel.MinStability, FsrsModel.MaxStability, dS, grad);
                dif = NextDifficulty(w, g, dif, d0Easy, dD, dD0, grad);
            }
        }
        return loss;
    }

    private static void Initial(ReadOnlySpan<double> w, int g, ref double s, ref double dif, Span<double> dS, Span<double> dD, bool grad)
    {
        if (grad) { dS.Clear(); dD.Clear(); dS[g - 1] = 1; dD[4] = 1; dD[5] = -(g - 1) * Math.Exp(w[5] * (g - 1)); }
        s = ClampWithDerivative(w[g - 1], FsrsModel.MinStability, FsrsModel.MaxStability, dS, grad);
        dif = ClampWithDerivative(w[4] - Math.Exp(w[5] * (g - 1)) + 1, FsrsModel.MinDifficulty, FsrsModel.MaxDifficulty, dD, grad);
    }

    /// <summary>S' = S·inc, inc = e^{w17(G−3+w18)}·S^{−w19}, inc ≥ 1 for Good/Easy; ∂S' into <paramref name="dOut"/>.</summary>
    private static double ShortTerm(ReadOnlySpan<double> w, int g, double s, ReadOnlySpan<double> dS, Span<double> dOut, bool grad)
    {
        double inc = Math.Exp(w[17] * (g - 3 + w[18])) * Math.Pow(s, -w[19]);
        if (g >= 3 && inc < 1)
        {
            if (grad) dS.CopyTo(dOut);
            return s;
        }
        if (grad)
        {
            // dS' = inc·dS + S·inc·d ln inc, d ln inc = (G−3+w18)dw17 + w17 dw18 − ln S dw19 − w19 dS/S
            for (int j = 0; j < P; j++) dOut[j] = inc * dS[j] - s * inc * w[19] * dS[j] / s;
            dOut[17] += s * inc * (g - 3 + w[18]);
            dOut[18] += s * inc * w[17];
            dOut[19] -= s * inc * Math.Log(s);
        }
        return s * inc;
    }

    /// <summary>S' = S(1 + K·hb), K = e^{w8}(11 − D)S^{−w9}(e^{w10(1−R)} − 1), hb = w15 (Hard), w16 (Easy) or 1.</summary>
    private static double Success(ReadOnlySpan<double> w, int g, double s, double dif, double r, ReadOnlySpan<double> dS,
        ReadOnlySpan<double> dD, ReadOnlySpan<double> dR, Span<double> dOut, bool grad)
    {
        double hb = g == 2 ? w[15] : g == 4 ? w[16] : 1;
        double ex = Math.Exp(w[10] * (1 - r));
        double baseK = Math.Exp(w[8]) * (11 - dif) * Math.Pow(s, -w[9]);
        double k = baseK * (ex - 1), a = k * hb;
        if (grad)
        {
            // dK = K(dw8 − dD/(11−D) − ln S dw9 − w9 dS/S) + baseK·e^{w10(1−R)}((1−R)dw10 − w10 dR); dA = hb dK + K d(hb)
            for (int j = 0; j < P; j++)
            {
                double dk = k * (-dD[j] / (11 - dif) - w[9] * dS[j] / s) + baseK * ex * (-w[10] * dR[j]);
                dOut[j] = (1 + a) * dS[j] + s * hb * dk;
            }
            dOut[8] += s * hb * k;
            dOut[9] -= s * hb * k * Math.Log(s);
            dOut[10] += s * hb * baseK * ex * (1 - r);
            if (g == 2) dOut[15] += s * k;
            if (g == 4) dOut[16] += s * k;
        }
        return s * (1 + a);
    }

    /// <summary>S' = min(w11·D^{−w12}((S+1)^{w13} − 1)e^{w14(1−R)}, S·e^{−w17·w18}).</summary>
    private static double Lapse(ReadOnlySpan<double> w, double s, double dif, double r, ReadOnlySpan<double> dS,
        ReadOnlySpan<double> dD, ReadOnlySpan<double> dR, Span<double> dOut, bool grad)
    {
        double a = Math.Pow(dif, -w[12]), sp = Math.Pow(s + 1, w[13]), b = sp - 1, c = Math.Exp(w[14] * (1 - r));
        double lapse = w[11] * a * b * c;
        double shrink = Math.Exp(-w[17] * w[18]), cap = s * shrink;
        if (cap < lapse)
        {
            if (grad)
            {
                for (int j = 0; j < P; j++) dOut[j] = shrink * dS[j];
                dOut[17] -= cap * w[18];
                dOut[18] -= cap * w[17];
            }
            return cap;
        }
        if (grad)
        {
            // da = a(−ln D dw12 − w12 dD/D); db = (S+1)^{w13}(ln(S+1) dw13 + w13 dS/(S+1)); dc = c((1−R)dw14 − w14 dR)
            for (int j = 0; j < P; j++)
                dOut[j] = lapse * (-w[12] * dD[j] / dif + sp * w[13] * dS[j] / ((s + 1) * b) - w[14] * dR[j]);
            dOut[11] += a * b * c;
            dOut[12] -= lapse * Math.Log(dif);
            dOut[13] += w[11] * a * c * sp * Math.Log(s + 1);
            dOut[14] += lapse * (1 - r);
        }
        return lapse;
    }

    /// <summary>D' = clamp(w7·D0(4) + (1 − w7)(D − w6(G−3)(10 − D)/9), 1, 10), updating <paramref name="dD"/> in place.</summary>
    private static double NextDifficulty(ReadOnlySpan<double> w, int g, double dif, double d0Easy, Span<double> dD,
        ReadOnlySpan<double> dD0, bool grad)
    {
        double damped = dif - w[6] * (g - 3) * (10 - dif) / 9;
        double reverted = w[7] * d0Easy + (1 - w[7]) * damped;
        if (grad)
        {
            for (int j = 0; j < P; j++)
            {
                double dDamped = dD[j] + w[6] * (g - 3) * dD[j] / 9;
                dD[j] = w[7] * dD0[j] + (1 - w[7]) * dDamped;
            }
            dD[6] -= (1 - w[7]) * (g - 3) * (10 - dif) / 9;
            dD[7] += d0Easy - damped;
        }
        return ClampWithDerivative(reverted, FsrsModel.MinDifficulty, FsrsModel.MaxDifficulty, dD, grad);
    }

    private static double ClampWithDerivative(double v, double lo, double hi, Span<double> dv, bool grad)
    {
        if (v >= lo && v <= hi) return v;
        if (grad) dv.Clear();
        return Math.Clamp(v, lo, hi);
    }
}
