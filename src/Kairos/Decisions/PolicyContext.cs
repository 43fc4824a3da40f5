using System.Globalization;

namespace Kairos.Decisions;

/// <summary>
/// What a policy may know about a user before the first event: the action marks, the size of the feedback vector
/// each event carries, the user's time origin and, when the setting has one, a horizon. Times the policy sees are on
/// the user's clock; <see cref="Origin"/> is where the user's window starts (0 in simulations, e.g. a sign-up time
/// in a live service). A live user has no horizon: policies that plan towards a deadline declare it
/// (<see cref="IDeliveryPolicy.RequiresHorizon"/>) and refuse a context without one.
/// </summary>
/// <param name="MarkCount">Number of action marks (items, ads, products); 1 when actions are unmarked.</param>
/// <param name="FeedbackSize">Length of the feedback vector z an event carries (0 for none).</param>
/// <param name="Horizon">Length of the window after <paramref name="Origin"/> (the deadline is Origin + Horizon), or null.</param>
/// <param name="Origin">Start of the user's window on the event clock.</param>
/// <param name="TimeUnit">"days", "hours", "seconds" or "units".</param>
/// <param name="ContextSize">Length of the context vector events may carry (0 when they carry none).</param>
public sealed record PolicyContext
{
    public PolicyContext(int MarkCount, int FeedbackSize, double? Horizon = null, double Origin = 0, string TimeUnit = "units",
        int ContextSize = 0)
    {
        this.MarkCount = MarkCount;
        this.FeedbackSize = FeedbackSize;
        this.Horizon = Horizon;
        this.Origin = Origin;
        this.TimeUnit = TimeUnit ?? throw new ArgumentNullException(nameof(TimeUnit));
        this.ContextSize = ContextSize >= 0 ? ContextSize
            : throw new ArgumentOutOfRangeException(nameof(ContextSize), ContextSize, "the context size cannot be negative.");
    }

    public string TimeUnit { get; init; }
    public int ContextSize { get; init; }
    public int MarkCount
    {
        get => _marks;
        init => _marks = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MarkCount), value, "a policy context needs at least one mark.");
    }
    public int FeedbackSize
    {
        get => _feedback;
        init => _feedback = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(FeedbackSize), value, "the feedback size cannot be negative.");
    }
    public double? Horizon
    {
        get => _horizon;
        init => _horizon = value is null || value > 0 && double.IsFinite(value.Value) ? value
            : throw new ArgumentOutOfRangeException(nameof(Horizon), value, "a horizon must be finite and > 0.");
    }
    public double Origin
    {
        get => _origin;
        init => _origin = double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Origin), value, "the time origin must be finite.");
    }

    private readonly int _marks, _feedback;
    private readonly double? _horizon;
    private readonly double _origin;

    /// <summary>End of the window (Origin + Horizon), for policies that declared they need one.</summary>
    public double End(string policy) => Origin + RequireHorizon(policy);

    /// <summary>The horizon, or a <see cref="PolicyContextException"/> naming the policy that needs it.</summary>
    public double RequireHorizon(string policy) => Horizon ?? throw new PolicyContextException(
        $"policy '{policy}' plans towards a deadline and needs a horizon, but this context has none " +
        "(a live user's window is open-ended); give the context a horizon or choose a policy without a deadline.");

    /// <summary>The elapsed fraction of the window at <paramref name="time"/>, clamped to [0, 1].</summary>
    public double ElapsedFraction(double time, string policy) =>
        Math.Clamp((time - Origin) / RequireHorizon(policy), 0, 1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"context(marks={MarkCount}, feedback={FeedbackSize}, horizon={(Horizon is { } h ? h.ToString("R", CultureInfo.InvariantCulture) : "none")}, origin={Origin:R}, unit={TimeUnit})");
}
