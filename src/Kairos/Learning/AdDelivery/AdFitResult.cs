using Kairos.Neural.AdDelivery;

namespace Kairos.Learning.AdDelivery;

/// <summary>One MAP fit: the network at the epoch with the best held-out log-likelihood per user event, that value,
/// the epochs run and the held-out curve (one value per epoch).</summary>
public sealed record AdFitResult(AdNetwork Network, double HeldOutLogLikelihoodPerEvent, int Epochs, int BestEpoch,
    IReadOnlyList<double> HeldOutCurve);
