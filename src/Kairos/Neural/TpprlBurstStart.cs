using System.Globalization;

namespace Kairos.Neural;

/// <summary>
/// A wait-then-burst start for a TPPRL policy whose reward is measured at a deadline T, without a clock input: only
/// θ is set, the cell and its inputs are the paper's. State unit j = H − 1 becomes a latch that the first own action
/// turns on (W_m[action, j] = W_h[j, j] = g, everything else feeding it 0, so h_j = 0 before and tanh(g) ≈ 1 after);
/// b, w and v_j are then chosen so that
/// <code>
///   before the first action (h = 0):  λ(t) = κ e^{κ(t − t_m)},  t_m = T − lead  (b = ln κ − κ t_m, w = κ)
///   after it (h_j ≈ 1):               λ = R e^{κ(t − t_k)}, R = N/(lead + γ/κ) − κ   (v_j = ln R − b)
/// </code>
/// The first action then falls at t₁ = t_m + ln(E + e^{−κ t_m})/κ with E ~ Exp(1) (a Gumbel-min spread of 1.28/κ,
/// mean t_m − γ/κ, γ Euler's constant), so the policy spends about N actions in a burst of mean length lead + γ/κ
/// before T: within each gap the decay w = κ raises the rate by e^{κs}, so the gaps are shorter than 1/R, with mean
/// e^x E₁(x)/κ ≈ 1/(R + κ) for x = R/κ ≥ 4 (asymptotic series of E₁; the error is about 2/x² ≤ 1/8 of the κ/R
/// correction), hence R = N/(lead + γ/κ) − κ. The other units keep their start; their output weights v_i move the burst's rate by e^{vᵀh} only.
/// Why: a student tested after T rewards reviewing late (docs/spaced-repetition.md); from a time-uniform start the
/// policy gradient does not find such a ramp through the state, so it is put into the start.
/// </summary>
public static class TpprlBurstStart
{
    /// <summary>g: the latch's input and self weight. tanh(g) rounds to 1 in doubles, so the latch's own weights get
    /// exactly zero gradient and training keeps it as started (with g = 6, Adam's steps on W_t[j], which the first
    /// action's Δ ≈ T multiplies, switched the latch off after ~1,800 updates and the run diverged).</summary>
    public const double LatchGain = 20;
    /// <summary>Largest |b| and |v_j| allowed: the objective's interval kernel forms e^c and e^{2c} directly and is
    /// exact only for |c| ≲ 350 (<see cref="PointProcesses.ExponentialInTimeKernel.Interval"/>).</summary>
    public const double MaxLogRate = 300;
    /// <summary>Smallest κ·lead: the chance of no action before T is exp(−e^{κ·lead}) (≤ 2·10⁻⁹ at 3).</summary>
    public const double MinSharpnessTimesLead = 3;
    /// <summary>Smallest N/(κ·(lead + γ/κ)): the burst's rate in units of κ, for which the gap correction holds.</summary>
    public const double MinRateOverSharpness = 4;
    /// <summary>Default κ·lead.</summary>
    public const double DefaultSharpnessTimesLead = 4;
    private const double EulerGamma = 0.5772156649015329;

    /// <summary>Mean length of the burst, lead + γ/κ (its truncation at T is negligible for κ·lead ≥ 3).</summary>
    public static double MeanBurstLength(double lead, double sharpness) => lead + EulerGamma / sharpness;

    /// <summary>Every problem with these settings (empty when <see cref="Apply"/> accepts them), in words that name
    /// the quantity.</summary>
    public static IReadOnlyList<string> Problems(double horizon, double budget, double lead, double sharpness)
    {
        var p = new List<string>();
        string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
        if (!(horizon > 0 && double.IsFinite(horizon))) p.Add($"the horizon must be finite and > 0, got {F(horizon)}");
        if (!(budget > 0 && double.IsFinite(budget))) p.Add($"the budget must be finite and > 0, got {F(budget)}");
        if (!(lead > 0 && lead < horizon)) p.Add($"the lead must lie in (0, {F(horizon)}) (the horizon), got {F(lead)}");
        if (!(sharpness > 0 && double.IsFinite(sharpness))) p.Add($"the sharpness κ must be finite and > 0, got {F(sharpness)}");
        if (p.Count > 0) return p;
        if (sharpness * lead < MinSharpnessTimesLead)
            p.Add($"κ·lead = {F(sharpness * lead)} is below {F(MinSharpnessTimesLead)}: the first action could miss the horizon; raise κ to at least {F(MinSharpnessTimesLead / lead)}");
        if (budget / MeanBurstLength(lead, sharpness) < MinRateOverSharpness * sharpness)
            p.Add($"a budget of {F(budget)} over a burst of mean length {F(MeanBurstLength(lead, sharpness))} is a rate below {F(MinRateOverSharpness)}·κ; lower κ or the lead");
        if (p.Count > 0) return p;
        var (b, v) = Outputs(horizon, budget, lead, sharpness);
        if (Math.Abs(b) > MaxLogRate || Math.Abs(v) > MaxLogRate)
            p.Add($"κ = {F(sharpness)} over a horizon of {F(horizon)} needs log-rates of {F(b)} and {F(v)}, beyond ±{F(MaxLogRate)}; lower κ to at most {F(MaxLogRate / (horizon - lead))}");
        return p;
    }

    /// <summary>Sets the latch unit H − 1 and b, w, v_{H−1} of <paramref name="theta"/> (laid out by
    /// <paramref name="layout"/>) in place. Throws <see cref="ArgumentException"/> listing <see cref="Problems"/>.</summary>
    public static void Apply(double[] theta, TpprlLayout layout, double horizon, double budget, double lead, double sharpness)
    {
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(layout);
        if (theta.Length != layout.Length)
            throw new ArgumentException($"θ has length {theta.Length}, the layout {layout} expects {layout.Length}.", nameof(theta));
        var problems = Problems(horizon, budget, lead, sharpness);
        if (problems.Count > 0) throw new ArgumentException("burst start: " + string.Join("; ", problems) + ".");
        int h = layout.Hidden, j = h - 1, f = layout.FeatureSize;
        for (int x = 0; x < layout.EmbeddingRows; x++) theta[layout.Wm + x * h + j] = x < layout.ActionMarks ? LatchGain : 0;
        for (int i = 0; i < h; i++) theta[layout.Wh + j * h + i] = i == j ? LatchGain : 0;
        for (int i = 0; i < f; i++) theta[layout.Wr + j * f + i] = 0;
        theta[layout.Wt + j] = 0;
        theta[layout.Bh + j] = 0;
        var (b, v) = Outputs(horizon, budget, lead, sharpness);
        theta[layout.B] = b;
        theta[layout.V + j] = v;
        theta[layout.W] = sharpness;
    }

    /// <summary>(b, v_j): b = ln κ − κ(T − lead) and v_j = ln R − b with R = N/(lead + γ/κ) − κ.</summary>
    private static (double B, double V) Outputs(double horizon, double budget, double lead, double sharpness)
    {
        double b = Math.Log(sharpness) - sharpness * (horizon - lead);
        return (b, Math.Log(budget / MeanBurstLength(lead, sharpness) - sharpness) - b);
    }
}
