namespace Kairos.Learning;

/// <summary>Control variate for the REINFORCE term of Proposition 2.</summary>
public enum BaselineKind
{
    /// <summary>The authors' choice: subtract the batch mean of (reward − penalty) (digest §2.3).</summary>
    BatchMean,
    /// <summary>Per-coordinate optimal constant baseline b_j = E[s_j² O]/E[s_j²] (Greensmith, Bartlett &amp; Baxter
    /// 2004; Peters &amp; Schaal 2008), estimated for each episode from the OTHER episodes of the batch, so the
    /// estimate stays unbiased. s = ∇log p_θ, O = reward − penalty.</summary>
    OptimalLeaveOneOut,
}
