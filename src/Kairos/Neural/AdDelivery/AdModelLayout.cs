using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Neural.AdDelivery;

/// <summary>
/// Names the slices of the ad-delivery user model's flat parameter vector θ. The recurrent part is the TPPRL cell
/// (<see cref="TpprlCell"/>, one step per event of every kind, decisions included) on θ's prefix; the heads read
/// the state h after the latest event and give the law of the next user event (feedback or opportunity):
/// <code>
///   a = W_τ h + b_τ:  ln λ = ln T₀ + a₀, c = e^{a₁}, k = e^{a₂}       Burr XII gap (delivery.md §4.2)
///   ℓ = W_y h + b_y + u·g(τ):  P(type | τ) = softmax(ℓ)                type = feedback mark 0..M−1, or M = opportunity
///   ln v ~ N(W_μ[m] h + b_μ[m], e^{2 s[m]})                            value of a feedback event of mark m
/// </code>
/// with g(τ) = ln(1 + τ/T₀) and T₀ the model's time scale. Cell inputs: ad decision d ∈ 0..D (0 = none) is row d,
/// feedback of mark m is row D+1+m, an opportunity is row D+1+M; the cell's feature is ln(1 + value) and its Δ is
/// g(τ); with exposure inputs (<see cref="ExposureDecays"/> not empty) the feature is [ln(1 + value), the
/// <see cref="AdExposure"/> features] (F = 2 + |decays|), else ln(1 + value) alone (F = 1, model files of version 1).
/// Order after the cell: W_τ [3×H], b_τ [3], W_y [C×H], b_y [C], u [C], W_μ [M×H], b_μ [M], s [M], C = M+1.
/// </summary>
public sealed class AdModelLayout : IEquatable<AdModelLayout>
{
    public const int TimeOutputs = 3;

    /// <summary>The exposure time constants of new fits, in the log's time unit (days for `kairos simulate ad-delivery`):
    /// a day, four days and sixteen days (our choice, docs/ad-delivery.md).</summary>
    public static readonly double[] DefaultExposureDecays = [1, 4, 16];

    public AdModelLayout(int hidden, int feedbackMarks, int ads, IReadOnlyList<double>? exposureDecays = null)
    {
        FeedbackMarks = Require.Positive(feedbackMarks, nameof(feedbackMarks));
        Ads = Require.Positive(ads, nameof(ads));
        ExposureDecays = exposureDecays?.ToArray() ?? [];
        if (ExposureDecays.Any(d => !(d > 0) || !double.IsFinite(d)))
            throw new ArgumentOutOfRangeException(nameof(exposureDecays), "exposure time constants must be finite and > 0.");
        Cell = new TpprlLayout(hidden, actionMarks: ads + 1, feedbackSources: feedbackMarks + 1,
            featureSize: 1 + (ExposureDecays.Count == 0 ? 0 : 1 + ExposureDecays.Count));
        int h = Hidden;
        TimeW = Cell.CellLength;
        TimeB = TimeW + TimeOutputs * h;
        TypeW = TimeB + TimeOutputs;
        TypeB = TypeW + Types * h;
        TypeU = TypeB + Types;
        ValueW = TypeU + Types;
        ValueB = ValueW + FeedbackMarks * h;
        ValueS = ValueB + FeedbackMarks;
        Length = ValueS + FeedbackMarks;
    }

    /// <summary>Time constants T_j of the decayed ad counts among the cell's inputs (<see cref="AdExposure"/>); empty: no
    /// exposure inputs.</summary>
    public IReadOnlyList<double> ExposureDecays { get; }
    public bool HasExposure => ExposureDecays.Count > 0;
    /// <summary>F, the cell's feature size: 1 + the exposure features.</summary>
    public int FeatureSize => Cell.FeatureSize;

    /// <summary>The cell's layout; its slices are θ's prefix.</summary>
    public TpprlLayout Cell { get; }
    public int Hidden => Cell.Hidden;
    /// <summary>M, the number of feedback marks (visit, click, conversion, …).</summary>
    public int FeedbackMarks { get; }
    /// <summary>D, the number of ads; decisions are 0 (none) .. D.</summary>
    public int Ads { get; }
    /// <summary>C = M + 1 types of user event: the feedback marks, then the opportunity.</summary>
    public int Types => FeedbackMarks + 1;
    public int OpportunityType => FeedbackMarks;

    public int TimeW { get; }
    public int TimeB { get; }
    public int TypeW { get; }
    public int TypeB { get; }
    public int TypeU { get; }
    public int ValueW { get; }
    public int ValueB { get; }
    public int ValueS { get; }
    public int Length { get; }

    /// <summary>The cell's input row of an event; marks must be in range (<see cref="AdUserSequence"/> checks).</summary>
    public int Input(EventKind kind, int mark) => kind switch
    {
        EventKind.Action => Cell.ActionInput(mark),
        EventKind.Feedback => Cell.FeedbackInput(mark),
        _ => Cell.FeedbackInput(FeedbackMarks),
    };

    /// <summary>Type index of a user event (feedback mark, or <see cref="OpportunityType"/>).</summary>
    public int Type(EventKind kind, int mark) => kind == EventKind.Feedback ? mark : OpportunityType;

    public bool Equals(AdModelLayout? other) => other is not null && other.Hidden == Hidden
        && other.FeedbackMarks == FeedbackMarks && other.Ads == Ads
        && other.ExposureDecays.SequenceEqual(ExposureDecays);
    public override bool Equals(object? obj) => Equals(obj as AdModelLayout);
    public override int GetHashCode() => HashCode.Combine(Hidden, FeedbackMarks, Ads, ExposureDecays.Count);
    public override string ToString() =>
        $"AdModelLayout(H={Hidden}, M={FeedbackMarks}, D={Ads}{(HasExposure ? $", exposure {string.Join("/", ExposureDecays.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}" : "")}, |θ|={Length})";
}
