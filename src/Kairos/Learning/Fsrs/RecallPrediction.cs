namespace Kairos.Learning.Fsrs;

/// <summary>One predicted review: the predicted recall probability, whether it was recalled, and its srs-benchmark
/// bin key (Δt bin, review-count bin, lapse bin; <see cref="RecallBins"/>).</summary>
public readonly record struct RecallPrediction(double P, bool Recalled, (int Delta, int Length, int Lapses) Bin);
