namespace Kairos.Environments.Broadcasting;

/// <summary>
/// The seeded generator's fixed settings (issue 13), sized like the authors' Twitter setup (digest §4.1: ~21 followers,
/// ≤ 5 followees besides us) and not tuned to favour any policy. Time unit: hours.
/// </summary>
/// <param name="Followers">F, followers of the broadcaster.</param>
/// <param name="Sources">Other sources the followers follow (a follower follows 1..<paramref name="MaxFollowees"/> of them, uniformly).</param>
/// <param name="MedianRate">Median base rate of a source (posts per hour); rates are log-normal with σ = <paramref name="RateSigma"/>.</param>
/// <param name="DailyAmplitude">Immigrant rate × (1 + a sin(2π t / 24 h)).</param>
/// <param name="Branching">Hawkes branching ratio: each post triggers Poisson(ratio) posts of its source.</param>
/// <param name="BurstDecay">Decay of the triggering kernel, per hour (mean delay 1/decay).</param>
/// <param name="WindowPosts">N, posts of others in the test window.</param>
/// <param name="LogWindows">The log holds about this many windows' worth of posts (the rest are training windows).</param>
public sealed record SyntheticBroadcastOptions(
    int Followers = 20,
    int Sources = 5,
    int MaxFollowees = 5,
    double MedianRate = 0.5,
    double RateSigma = 1.0,
    double DailyAmplitude = 0.8,
    double Branching = 0.3,
    double BurstDecay = 4.0,
    int WindowPosts = BroadcastWorld.DefaultWindowPosts,
    int LogWindows = 10)
{
    public static SyntheticBroadcastOptions Default { get; } = new();
}
