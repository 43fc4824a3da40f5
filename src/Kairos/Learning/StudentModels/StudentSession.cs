namespace Kairos.Learning.StudentModels;

/// <summary>One session of a <see cref="StudentObservationSet"/>: item index, history counts, Δ in days,
/// trials m, recalls k and the p_recall target.</summary>
public readonly record struct StudentSession(int Item, int Correct, int Wrong, double DeltaDays, int Trials,
    int Recalls, double PRecall);
