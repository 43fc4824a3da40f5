using Kairos.Decisions;
using Kairos.Pomdp;

namespace Kairos.Policies.Sequencing;

/// <summary>The myopic policy as a choice policy: at each visit, the product with the largest expected immediate
/// reward R_u(1 − H_u(γ)) under the current posterior (lowest index on ties), the same rule as
/// <see cref="Baselines.Myopic"/>. Deterministic: every decision has probability 1.</summary>
public sealed class MyopicSequencingPolicy(SequencingProblem problem, string? name = null) : SequencingPolicy(problem, KindName, name)
{
    public const string KindName = "sequencing-myopic";

    internal override Decision Choose(SequencingState state, ref DecisionRandom random)
    {
        var values = state.ImmediateValues;
        int best = 0;
        for (int u = 1; u < values.Length; u++)
            if (values[u] > values[best]) best = u;
        return Decision.Act(best, 1);
    }
}
