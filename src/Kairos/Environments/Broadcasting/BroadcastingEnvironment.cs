using Kairos.Simulation;

namespace Kairos.Environments.Broadcasting;

/// <summary>
/// Smart broadcasting (TPPRL §4 of the digest): the policy chooses when to post; every follower's feed also holds the
/// posts of its other followees, replayed from the <see cref="BroadcastWorld"/>. An episode is the test window
/// (<see cref="Training"/> false: the only randomness is the policy's) or a training window of the same length drawn
/// uniformly before it. Feedback after each event is aggregated, never one value per follower: z = [mean rank / 10,
/// share of followers with us in the top k]. Marks of feedback events: the posting source s ∈ [0, S), or S when a
/// post crosses the prioritized section's lifetime.
/// </summary>
public sealed class BroadcastingEnvironment : IEnvironment
{
    /// <summary>τ = 0.1 × window length (appendix F).</summary>
    public const double DefaultLifetimeFraction = 0.1;
    public const int FeedbackValues = 2;

    public BroadcastingEnvironment(BroadcastWorld world, FeedKind feed, bool training = false, int topK = 1,
        double lifetimeFraction = DefaultLifetimeFraction, BalanceScales? balance = null)
    {
        BalanceScales = balance ?? BalanceScales.Unit;
        World = world ?? throw new ArgumentNullException(nameof(world));
        if (training && !world.HasTrainingWindows)
            throw new ArgumentException($"world '{world.Name}': the log before the test window is shorter than one window; no training windows fit.", nameof(training));
        (Feed, Training, TopK) = (feed, training, topK);
        Lifetime = lifetimeFraction * world.WindowLength;
        Spec = new EpisodeSpec(world.WindowLength, 1, FeedbackValues, world.TimeUnit);
    }

    public BroadcastWorld World { get; }
    public FeedKind Feed { get; }
    public bool Training { get; }
    public int TopK { get; }
    /// <summary>The reference means of the <see cref="BroadcastingMetrics.RankAndTop"/> metric (unit by default).</summary>
    public BalanceScales BalanceScales { get; }
    /// <summary>τ, how long a post stays in the prioritized section.</summary>
    public double Lifetime { get; }
    /// <summary>Feedback marks a learned policy embeds: the S sources plus the lifetime crossings.</summary>
    public int FeedbackSources => World.SourceCount + 1;

    public string Name => "broadcasting";
    public EpisodeSpec Spec { get; }
    public IReadOnlyList<MetricDefinition> Metrics => BroadcastingMetrics.All;
    public MetricDefinition Reward => BroadcastingMetrics.TimeAtTopMetric;

    /// <summary>The same environment on the test window (for evaluating a policy trained on training windows).</summary>
    public BroadcastingEnvironment TestWindow => Training ? new(World, Feed, false, TopK, Lifetime / World.WindowLength, BalanceScales) : this;

    /// <summary>The same environment with other reference means for <see cref="BroadcastingMetrics.RankAndTop"/>.</summary>
    public BroadcastingEnvironment WithBalance(BalanceScales balance) => new(World, Feed, Training, TopK, Lifetime / World.WindowLength, balance);

    public IEpisode NewEpisode(Random rng) => Open(Training ? WindowStart(rng) : World.TestStart);

    /// <summary>The episode of the window starting at <paramref name="start"/> (absolute log time).</summary>
    internal BroadcastingEpisode Open(double start) =>
        new(World, Feed, start, Spec.Horizon, Feed == FeedKind.Prioritized ? Lifetime : double.PositiveInfinity, TopK, BalanceScales);

    private double WindowStart(Random rng) => World.LogStart + rng.NextDouble() * (World.TestStart - World.WindowLength - World.LogStart);
}
