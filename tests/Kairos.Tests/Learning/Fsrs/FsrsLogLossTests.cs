using Kairos.Learning.Fsrs;
using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Tests.Learning.Fsrs;

public class FsrsLogLossTests
{
    private static readonly FsrsReviewSet Data = FsrsReviewSet.From(FsrsSyntheticLog.Generate(FsrsParameters.Default, 40, 9, new Random(3)));

    private static bool[] LongTerm(FsrsReviewSet data) => Enumerable.Range(0, data.Count).Select(data.IsLongTerm).ToArray();

    /// <summary>The loss replayed card by card with <see cref="FsrsModel"/> (an independent implementation).</summary>
    private static double Replayed(FsrsReviewSet data, FsrsParameters w)
    {
        var model = new FsrsModel(w);
        double loss = 0;
        for (int k = 0; k < data.CardCount; k++)
        {
            var state = model.Initial(data.Ratings[data.CardStart[k]]);
            for (int i = data.CardStart[k] + 1; i < data.CardStart[k + 1]; i++)
            {
                if (data.IsLongTerm(i))
                {
                    double r = Math.Clamp(model.Retrievability(data.Elapsed[i], state.Stability), FsrsLogLoss.MinR, 1 - FsrsLogLoss.MinR);
                    loss -= data.Ratings[i] > FsrsRating.Again ? Math.Log(r) : Math.Log(1 - r);
                }
                state = model.Next(state, data.Elapsed[i], data.Ratings[i]);
            }
        }
        return loss;
    }

    private static FsrsParameters Perturbed() => FsrsParameters.Clipped(FsrsParameters.Default.Weights
        .Select((v, j) => v * (1 + 0.3 * Math.Sin(3.1 * j + 1)) + (j == 7 ? 0.05 : 0)).ToArray());

    [Fact]
    public void Value_equals_a_replay_with_the_memory_model()
    {
        Assert.Contains(Data.Ratings, r => r == FsrsRating.Hard);
        Assert.Contains(Data.Elapsed, t => t == 0);
        foreach (var w in new[] { FsrsParameters.Default, Perturbed() })
        {
            double expected = Replayed(Data, w);
            double actual = FsrsLogLoss.Evaluate(Data, w.AsSpan(), LongTerm(Data), []);
            Assert.Equal(expected, actual, expected * 1e-12);
        }
    }

    [Fact]
    public void Gradient_matches_finite_differences_in_all_21_parameters()
    {
        var scored = LongTerm(Data);
        foreach (var w in new[] { FsrsParameters.Default.Weights.ToArray(), Perturbed().Weights.ToArray() })
        {
            var grad = new double[FsrsParameters.Count];
            FsrsLogLoss.Evaluate(Data, w, scored, grad);
            Assert.Contains(grad, g => Math.Abs(g) > 1);
            GradientCheck.AssertGradient(x => FsrsLogLoss.Evaluate(Data, x, scored, []), w, grad, "FSRS log loss");
        }
    }

    [Fact]
    public void A_wrong_gradient_is_rejected_by_the_check()
    {
        var scored = LongTerm(Data);
        var w = Perturbed().Weights.ToArray();
        var grad = new double[FsrsParameters.Count];
        FsrsLogLoss.Evaluate(Data, w, scored, grad);
        grad[9] *= 1 + 1e-4;
        Assert.ThrowsAny<Exception>(() =>
            GradientCheck.AssertEntry(x => FsrsLogLoss.Evaluate(Data, x, scored, []), w, 9, grad[9], "tampered"));
    }
}
