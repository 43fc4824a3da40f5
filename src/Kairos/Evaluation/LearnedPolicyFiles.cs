using Kairos.Decisions;
using Kairos.Policies;
using Kairos.Scenarios;

namespace Kairos.Evaluation;

/// <summary>A learned policy file as `tpprl:FILE` names it: a TPPRL policy (<see cref="NeuralTppPolicyFile"/>) or a
/// per-item TPPRL policy (<see cref="PerItemHazardPolicyFile"/>), told apart by the file's "format" field and loaded
/// with the features of the scenario it runs on.</summary>
public static class LearnedPolicyFiles
{
    public static IDeliveryPolicy Load(string path, IScenario home) =>
        File.Exists(path) && PerItemHazardPolicyFile.Is(path)
            ? PerItemHazardPolicyFile.Load(path, home.ItemFeatures)
            : NeuralTppPolicyFile.Load(path, home.EventFeatures, home.ItemFeatures);

    /// <summary>The policy's family name before the scenario suffix: tpprl, tpprl-wt0 or tpprl-per-item.</summary>
    public static string Family(IDeliveryPolicy policy) => policy switch
    {
        NeuralTppPolicy { FixedZeroDecay: true } => "tpprl-wt0",
        PerItemHazardPolicy => PerItemHazardPolicy.KindName,
        _ => "tpprl",
    };

    public static IDeliveryPolicy WithName(IDeliveryPolicy policy, string name) => policy switch
    {
        NeuralTppPolicy p => p.WithName(name),
        PerItemHazardPolicy p => p.WithName(name),
        _ => throw new ArgumentException($"'{policy.Kind}' is not a learned policy kind.", nameof(policy)),
    };
}
