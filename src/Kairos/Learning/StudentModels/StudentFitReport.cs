namespace Kairos.Learning.StudentModels;

/// <summary>What <see cref="StudentModelComparison.Run"/> found: both fitted models, split sizes and held-out
/// metrics of the student model, half-life regression and the constant predictor p̄ (training mean p_recall).</summary>
public sealed record StudentFitReport(StudentModelFit Student, HalfLifeRegression Hlr, int TrainSessions,
    int TestSessions, double ConstantRecall, RecallMetrics StudentMetrics, RecallMetrics HlrMetrics,
    RecallMetrics ConstantMetrics);
