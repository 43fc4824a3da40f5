namespace Kairos.Neural.AdDelivery;

/// <summary>What a forward pass reports per user event for goodness of fit: the compensator increment since the
/// previous user event (time-rescaling theorem: i.i.d. Exp(1) under the model), and the predicted probability that
/// the event is a conversion (feedback of <see cref="ConversionMark"/>) given its gap, with the outcome.</summary>
public sealed class AdPredictions(int conversionMark)
{
    public int ConversionMark { get; } = conversionMark;
    public List<double> RescaledGaps { get; } = [];
    public List<double> ConversionProbabilities { get; } = [];
    public List<bool> Conversions { get; } = [];
}
