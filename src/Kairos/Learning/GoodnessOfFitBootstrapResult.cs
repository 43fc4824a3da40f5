namespace Kairos.Learning;

/// <summary>The bootstrap p-value of <see cref="GoodnessOfFitBootstrap"/>: D_obs, p, the number of replicates,
/// how many had D_b ≥ D_obs (failed ones included), how many failed to refit, and the seed.</summary>
public sealed record GoodnessOfFitBootstrapResult(double ObservedStatistic, double PValue, int Replicates, int Exceedances,
    int Failed, int Seed);
