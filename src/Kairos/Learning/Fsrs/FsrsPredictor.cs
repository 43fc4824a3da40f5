using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Learning.Fsrs;

/// <summary>FSRS-6 recall predictions R(Δt, S) for chosen reviews, S from replaying each card's earlier reviews.</summary>
public static class FsrsPredictor
{
    public static List<RecallPrediction> Predict(FsrsReviewSet data, FsrsParameters parameters, ReadOnlySpan<bool> which)
    {
        var model = new FsrsModel(parameters);
        var list = new List<RecallPrediction>();
        for (int k = 0; k < data.CardCount; k++)
        {
            var state = model.Initial(data.Ratings[data.CardStart[k]]);
            for (int i = data.CardStart[k] + 1; i < data.CardStart[k + 1]; i++)
            {
                if (which[i])
                    list.Add(new(model.Retrievability(data.Elapsed[i], state.Stability), data.Ratings[i] > FsrsRating.Again, data.Bin(i)));
                state = model.Next(state, data.Elapsed[i], data.Ratings[i]);
            }
        }
        return list;
    }
}
