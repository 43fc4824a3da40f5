namespace Kairos.Neural;

/// <summary>The per-episode quantities of TPPRL's objective (digest §2.1–2.2), all over [0, T]:
/// <see cref="LogLikelihood"/> log p_θ(actions), <see cref="IntensityIntegral"/> ∫λ, <see cref="SquaredIntensityIntegral"/>
/// ∫λ², <see cref="MarkSquareIntegral"/> ∫½‖p(t)‖² dt (p = mark distribution), and <see cref="MeanMarkEntropy"/>
/// the mean entropy of the mark distribution at own actions.</summary>
public readonly record struct EpisodeTerms(double LogLikelihood, double IntensityIntegral, double SquaredIntensityIntegral,
    double MarkSquareIntegral, double MeanMarkEntropy, int Actions);
