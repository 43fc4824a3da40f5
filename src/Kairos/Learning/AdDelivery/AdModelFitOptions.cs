using Kairos.Numerics;

namespace Kairos.Learning.AdDelivery;

/// <summary>Settings of <see cref="AdModelTrainer"/>: state size H, Adam's learning rate, users per minibatch, the
/// epoch limit, early-stopping patience (epochs without a better held-out log-likelihood), and the prior precision
/// of the MAP fit (θ ~ N(0, 1/precision) per coordinate).</summary>
public sealed record AdModelFitOptions(int Hidden = 16, double LearningRate = 0.01, int BatchUsers = 64, int MaxEpochs = 40,
    int Patience = 4, double PriorPrecision = 1.0)
{
    /// <summary>Time constants of the cell's exposure inputs in the log's time unit (<see cref="Neural.AdDelivery.AdExposure"/>);
    /// null = <see cref="Neural.AdDelivery.AdModelLayout.DefaultExposureDecays"/>, empty = none.</summary>
    public IReadOnlyList<double>? ExposureDecays { get; init; }

    /// <summary>How the posterior members of <see cref="AdEnsembleFitter"/> are built (default: bootstrap resamples).</summary>
    public AdPosteriorKind Posterior { get; init; } = AdPosteriorKind.Bootstrap;

    /// <summary>Laplace only: candidate prior precisions of the Laplace approximation, the one whose draws give the best
    /// held-out log predictive kept (<see cref="AdLaplace.Tune"/>); null = <see cref="PriorPrecision"/>, the MAP fit's own.</summary>
    public IReadOnlyList<double>? LaplacePriorPrecisions { get; init; }

    public static AdModelFitOptions Default { get; } = new();

    public AdModelFitOptions Validate()
    {
        Require.Positive(Hidden, nameof(Hidden));
        Require.Positive(LearningRate, nameof(LearningRate));
        Require.Positive(BatchUsers, nameof(BatchUsers));
        Require.Positive(MaxEpochs, nameof(MaxEpochs));
        Require.Positive(Patience, nameof(Patience));
        Require.NonNegative(PriorPrecision, nameof(PriorPrecision));
        return this;
    }
}
