namespace Kairos.Learning;

/// <summary>Control variate for the REINFORCE term of Proposition 2.</summary>
public enum BaselineKind
{
    /// <summary>The authors' choice: subtract the batch mean of (reward − penalty) (digest §2.3).</summary>
    BatchMean,
    /// <summary>Unbiased and lower-variance: the baseline of each episode is the mean objective of the OTHER
    /// episodes (leave-one-out), and the score of interval k is weighted by the penalty still to come, L_{≥k}, rather
    /// than the whole episode's L (<see cref="Kairos.Neural.TpprlObjective.Accumulate"/>, causal penalty).</summary>
    LeaveOneOutCausal,
}
