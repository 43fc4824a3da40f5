namespace Kairos.Learning;

/// <summary>
/// Finds the shift c of a TPPRL policy's log-rate bias b (intensity exp(vᵀh + b + c + w(t − t_k))) at which its mean
/// actions A(c) on fixed episodes lie within a relative band of the budget N. Dual ascent alone does not land a
/// budget: with an elastic policy (recall nearly flat in the number of reviews) the price and the batches' actions
/// oscillate, so the held-out checks sample a swing. A(c) is close to proportional to e^c (the rate scales by e^c), so
/// the root of ln A(c) − ln N is found by secant steps in (c, ln A), safeguarded by bisection once the root is
/// bracketed; the step is capped at ±2 (a factor e² in rate) per evaluation.
/// </summary>
public static class BudgetCalibration
{
    /// <summary>The shift and the actions it gives: the first evaluation within <paramref name="band"/>·N of N, else
    /// the closest of <paramref name="maxEvaluations"/>. <paramref name="actions"/> must be deterministic in c.</summary>
    public static (double Shift, double Actions) Find(Func<double, double> actions, double budget, double band, int maxEvaluations = 12)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (!(budget > 0 && double.IsFinite(budget))) throw new ArgumentOutOfRangeException(nameof(budget), budget, "must be finite and > 0");
        if (!(band > 0 && band < 1)) throw new ArgumentOutOfRangeException(nameof(band), band, "must lie in (0, 1)");
        double c = 0, a = actions(0);
        (double C, double A) best = (c, a);
        (double C, double A)? below = null, above = null, previous = null;
        for (int k = 1; ; k++)
        {
            if (Math.Abs(a - budget) < Math.Abs(best.A - budget)) best = (c, a);
            if (Math.Abs(a - budget) <= band * budget || k >= maxEvaluations) return best;
            if (a < budget && (below is null || c > below.Value.C)) below = (c, a);
            if (a > budget && (above is null || c < above.Value.C)) above = (c, a);
            double step = a > 0 ? Math.Log(budget / a) : 2;
            if (previous is { } p && p.A > 0 && a > 0 && p.C != c)
            {
                double slope = (Math.Log(a) - Math.Log(p.A)) / (c - p.C);
                if (slope > 0) step = Math.Log(budget / a) / slope;
            }
            double next = c + Math.Clamp(step, -2, 2);
            if (below is { } lo && above is { } hi && !(next > lo.C && next < hi.C)) next = 0.5 * (lo.C + hi.C);
            previous = (c, a);
            c = next;
            a = actions(c);
        }
    }
}
