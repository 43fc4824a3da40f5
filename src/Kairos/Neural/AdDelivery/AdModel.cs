namespace Kairos.Neural.AdDelivery;

/// <summary>
/// A fitted user model with its approximate posterior: the MAP network on all training users and K bootstrap
/// members (MAP fits on users resampled with replacement). A posterior-predictive draw picks a member uniformly,
/// then a trajectory from it; with no members the MAP stands in. <see cref="ValuedMarks"/> are the feedback
/// marks that carry a value (the simulator draws one only for them); <see cref="ConversionMark"/> is the mark
/// whose values the utility counts; <see cref="Horizon"/> is how long a simulated user is followed;
/// <see cref="AdCosts"/> are the mean logged costs of ads 1..D (the value of their action rows), or null when the log
/// carried none.
/// </summary>
public sealed class AdModel
{
    public AdModel(AdNetwork map, IReadOnlyList<AdNetwork> members, bool[] valuedMarks, int conversionMark, string timeUnit, double horizon,
        IReadOnlyList<double>? adCosts = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Any(m => !m.Layout.Equals(map.Layout)))
            throw new ArgumentException("every posterior member must have the MAP network's layout.", nameof(members));
        if (valuedMarks.Length != map.Layout.FeedbackMarks)
            throw new ArgumentException($"valued marks has {CountText.Of(valuedMarks.Length, "entry", "entries")}, expected {map.Layout.FeedbackMarks}.", nameof(valuedMarks));
        if ((uint)conversionMark >= (uint)map.Layout.FeedbackMarks)
            throw new ArgumentOutOfRangeException(nameof(conversionMark), conversionMark, "the conversion mark is not a feedback mark.");
        if (adCosts is not null && (adCosts.Count != map.Layout.Ads || adCosts.Any(c => !(c >= 0) || !double.IsFinite(c))))
            throw new ArgumentException($"ad costs must be {map.Layout.Ads} finite numbers >= 0.", nameof(adCosts));
        AdCosts = adCosts?.ToArray();
        Map = map;
        Members = members;
        ValuedMarks = valuedMarks;
        ConversionMark = conversionMark;
        TimeUnit = timeUnit;
        Horizon = horizon > 0 && double.IsFinite(horizon) ? horizon
            : throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "the horizon must be finite and > 0.");
    }

    public AdNetwork Map { get; }
    public IReadOnlyList<AdNetwork> Members { get; }
    public bool[] ValuedMarks { get; }
    public int ConversionMark { get; }
    public string TimeUnit { get; }
    /// <summary>The window a simulated user is followed for (the training users' median window).</summary>
    public double Horizon { get; }
    public AdModelLayout Layout => Map.Layout;
    /// <summary>Mean logged cost of ads 1..D (index d − 1), or null when the log gave none.</summary>
    public IReadOnlyList<double>? AdCosts { get; }

    /// <summary>The networks a posterior draw chooses from (the members, or the MAP alone).</summary>
    public IReadOnlyList<AdNetwork> Posterior => Members.Count > 0 ? Members : [Map];

    /// <summary>A model whose posterior is the MAP alone (the plug-in view).</summary>
    public AdModel PlugIn() => new(Map, [], ValuedMarks, ConversionMark, TimeUnit, Horizon, AdCosts);
}
