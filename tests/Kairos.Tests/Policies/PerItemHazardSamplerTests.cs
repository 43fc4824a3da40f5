using Kairos.Decisions;
using Kairos.Numerics;
using Kairos.Policies;

namespace Kairos.Tests.Policies;

/// <summary>The per-item sampler against its own law. Time rescaling (Brown et al. 2002): the compensator ∫Σλ over each
/// gap between events is Exp(1), independently; and the item that fires at t is item i with probability
/// λ_i(t)/Σλ(t), checked by a randomised probability-integral transform to U(0, 1). Each law is also shown to reject a
/// wrong one: the gaps under an intensity ignoring the slopes, and an off-by-one mark.</summary>
public class PerItemHazardSamplerTests
{
    private static (List<double> Gaps, List<double> WrongGaps, List<double> Marks, List<double> WrongMarks) Sample(double? feedbackEvery,
        bool clock = false)
    {
        var policy = clock ? PerItemHazardFixtures.ClockPolicy(kappa: 40) : PerItemHazardFixtures.Policy(sharpness: 12, w: -0.6);
        var (gaps, wrongGaps, marks, wrongMarks) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var u = new Random(99);
        for (int episode = 0; gaps.Count < 1500; episode++)
        {
            var state = (PerItemHazardState)policy.CreateState(PerItemHazardFixtures.Context, new DecisionRandom(DecisionRandom.KeyFor(7, episode)));
            double carried = 0, carriedFlat = 0;
            // Feedback events split a gap into pieces: the compensator of the whole gap is the sum over its pieces.
            var pieces = new List<(double Start, PerItemHazardState State)>();
            PerItemHazardFixtures.Run(state, episode, next =>
            {
                gaps.Add(carried + state.CumulativeIntensity(next.Time));
                wrongGaps.Add(carriedFlat + FlatCompensator(state, next.Time));
                (carried, carriedFlat) = (0, 0);
                double total = 0, below = 0;
                for (int i = 0; i < 5; i++) total += state.ItemIntensity(i, next.Time);
                for (int i = 0; i < next.Mark; i++) below += state.ItemIntensity(i, next.Time);
                double v = u.NextDouble();
                marks.Add((below + v * state.ItemIntensity(next.Mark, next.Time)) / total);
                int wrong = (next.Mark + 1) % 5;   // an off-by-one mark
                double wrongBelow = 0;
                for (int i = 0; i < wrong; i++) wrongBelow += state.ItemIntensity(i, next.Time);
                wrongMarks.Add((wrongBelow + v * state.ItemIntensity(wrong, next.Time)) / total);
            }, feedbackEvery, onFeedback: t =>
            {
                carried += state.CumulativeIntensity(t);
                carriedFlat += FlatCompensator(state, t);
            });
        }
        return (gaps, wrongGaps, marks, wrongMarks);
    }

    /// <summary>The compensator if each item's intensity stayed at its value at the last event (slopes ignored; on the
    /// retrievability clock, R̂ frozen at the clock's opening).</summary>
    private static double FlatCompensator(PerItemHazardState state, double time)
    {
        var snapshot = state.Snapshot();
        double origin = snapshot.Reals[0], total = 0;
        for (int i = 0; i < 5; i++)
        {
            double open = origin;
            while (state.ItemIntensity(i, open) == 0 && open < time) open += 1e-3;
            total += state.ItemIntensity(i, open) * Math.Max(time - open, 0);
        }
        return total;
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(0.29, false)]
    [InlineData(null, true)]
    [InlineData(0.29, true)]
    public void Gaps_and_marks_follow_the_competing_risks_law(double? feedbackEvery, bool clock)
    {
        var (gaps, wrongGaps, marks, wrongMarks) = Sample(feedbackEvery, clock);
        var exp = KolmogorovSmirnov.Test(gaps.ToArray(), x => x <= 0 ? 0 : -Fn.Expm1(-x));
        var uniform = KolmogorovSmirnov.Test(marks.ToArray(), x => Math.Clamp(x, 0, 1));
        Assert.True(exp.PValue > 1e-3, $"rescaled gaps: D = {exp.Statistic:G4}, p = {exp.PValue:G3}");
        Assert.True(uniform.PValue > 1e-3, $"marks: D = {uniform.Statistic:G4}, p = {uniform.PValue:G3}");
        var wrongExp = KolmogorovSmirnov.Test(wrongGaps.ToArray(), x => x <= 0 ? 0 : -Fn.Expm1(-x));
        var wrongUniform = KolmogorovSmirnov.Test(wrongMarks.ToArray(), x => Math.Clamp(x, 0, 1));
        Assert.True(wrongExp.PValue < 1e-6, $"slopes ignored: p = {wrongExp.PValue:G3}");
        Assert.True(wrongUniform.PValue < 1e-6, $"off-by-one marks: p = {wrongUniform.PValue:G3}");
    }
}
