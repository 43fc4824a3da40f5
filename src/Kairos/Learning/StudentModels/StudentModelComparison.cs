using Kairos.Data.Duolingo;
using Kairos.Numerics;

namespace Kairos.Learning.StudentModels;

/// <summary>
/// Splits sessions at random (row r goes to the held-out part when SplitMix64(seed, r) falls below the holdout
/// fraction, so the split is reproducible while streaming), fits the student model by maximum likelihood and
/// half-life regression on the training part, and scores both on the held-out part.
/// </summary>
public static class StudentModelComparison
{
    public static StudentFitReport Run(IEnumerable<DuolingoRecord> records, double holdout, int seed,
        StudentModelLearner student, HalfLifeRegressionLearner hlr)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (!(holdout >= 0 && holdout < 1))
            throw new UserInputException($"holdout must lie in [0, 1), got {holdout.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var train = new StudentObservationSet();
        var test = new StudentObservationSet();
        long row = 0;
        foreach (var r in records)
        {
            bool held = SeedSequence.Derive(seed, row++) / 2147483648.0 < holdout;
            (held ? test : train).Add(r);
        }
        if (train.Count == 0) throw new UserInputException("no training sessions: the data file has no rows or the holdout is too large");
        var studentFit = student.Fit(train);
        var hlrFit = hlr.Fit(train, SeedSequence.Stream(seed, 1));
        double constant = Enumerable.Range(0, train.Count).Average(i => train[i].PRecall);
        RecallMetrics Score(Func<StudentSession, string, string, double> predict) =>
            RecallMetrics.Of(test, i =>
            {
                var s = test[i];
                return predict(s, test.ItemIds[s.Item], test.Labels[s.Item]);
            });
        return new StudentFitReport(studentFit, hlrFit, train.Count, test.Count, constant,
            Score((s, id, _) => studentFit.RecallProbability(id, s.Correct, s.Wrong, s.DeltaDays)),
            Score((s, _, label) => hlrFit.RecallProbability(label, s.Correct, s.Wrong, s.DeltaDays)),
            Score((_, _, _) => constant));
    }
}
