namespace Kairos.Learning.AdDelivery;

/// <summary>How <see cref="AdEnsembleFitter"/> builds the posterior members beside the MAP fit.</summary>
public enum AdPosteriorKind
{
    /// <summary>Each member the MAP fit on a bootstrap resample of the training users (drawn with replacement), from its own initial θ.</summary>
    Bootstrap,
    /// <summary>Each member the MAP fit on all training users from its own initial θ and minibatch order (a deep ensemble,
    /// Lakshminarayanan et al. 2017: members as good as the MAP, spread = mode uncertainty).</summary>
    Ensemble,
    /// <summary>Each member a draw from the diagonal Laplace approximation around the MAP (<see cref="AdLaplace"/>): no further fits.</summary>
    Laplace,
}
