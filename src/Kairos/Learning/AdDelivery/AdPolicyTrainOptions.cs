using Kairos.Numerics;

namespace Kairos.Learning.AdDelivery;

/// <summary>Settings of <see cref="AdPolicyTrainer"/>: updates, simulated users per update, Adam's learning rate, and
/// the cost of each ad in the utility: <see cref="AdCosts"/> when given, else <see cref="ActionCost"/> for every ad.</summary>
public sealed record AdPolicyTrainOptions(int Iterations = 200, int Batch = 64, double LearningRate = 0.05, double ActionCost = 1.0)
{
    public IReadOnlyList<double>? AdCosts { get; init; }

    /// <summary>The cost of ads 1..<paramref name="ads"/>.</summary>
    public double[] CostsFor(int ads) => AdCosts is { } c
        ? (c.Count == ads ? c.ToArray() : throw new ArgumentException($"{c.Count} ad costs for {CountText.Of(ads, "ad")}.", nameof(ads)))
        : Enumerable.Repeat(ActionCost, ads).ToArray();

    public AdPolicyTrainOptions Validate()
    {
        Require.Positive(Iterations, nameof(Iterations));
        if (Batch < 2) throw new ArgumentOutOfRangeException(nameof(Batch), Batch, "a batch needs at least 2 users for its baseline.");
        Require.Positive(LearningRate, nameof(LearningRate));
        Require.NonNegative(ActionCost, nameof(ActionCost));
        if (AdCosts is { } c && c.Any(x => !(x >= 0) || !double.IsFinite(x)))
            throw new ArgumentOutOfRangeException(nameof(AdCosts), "ad costs must be finite and >= 0.");
        return this;
    }
}
