using Kairos.Numerics;

namespace Kairos.Learning.AdDelivery;

/// <summary>Settings of <see cref="AdPolicyTrainer"/>: updates, simulated users per update, Adam's learning rate, and
/// the action cost of the utility.</summary>
public sealed record AdPolicyTrainOptions(int Iterations = 200, int Batch = 64, double LearningRate = 0.05, double ActionCost = 1.0)
{
    public AdPolicyTrainOptions Validate()
    {
        Require.Positive(Iterations, nameof(Iterations));
        if (Batch < 2) throw new ArgumentOutOfRangeException(nameof(Batch), Batch, "a batch needs at least 2 users for its baseline.");
        Require.Positive(LearningRate, nameof(LearningRate));
        Require.NonNegative(ActionCost, nameof(ActionCost));
        return this;
    }
}
