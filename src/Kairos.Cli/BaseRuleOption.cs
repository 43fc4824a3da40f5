using System.CommandLine;
using Kairos.Policies.AdDelivery;

namespace Kairos.Cli;

/// <summary>`--base-rule`: what the planning policies' rollouts assume after the decision they plan
/// (<see cref="AdContinuation"/>).</summary>
public static class BaseRuleOption
{
    public static Option<string> Create() => new("--base-rule")
    {
        Description = "plan kinds: the rule the rollouts follow after the decision planned: greedy (at each later opportunity the ad whose " +
            "gain with no ad afterwards is largest and positive; charges an ad the fatigue it causes later ads) or none (no ad afterwards, " +
            "the rule of policy files without 'baseRule') (default greedy).",
        DefaultValueFactory = _ => "greedy",
    };

    public static AdContinuation Parse(string text, List<string> errors)
    {
        if (AdPolicyFile.TryParseBaseRule(text, out var c)) return c;
        errors.Add($"--base-rule '{text}' is unknown. Allowed: greedy, none");
        return AdContinuation.Greedy;
    }
}
