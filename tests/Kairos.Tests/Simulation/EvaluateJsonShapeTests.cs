using System.Text.Json;
using Kairos.Cli;
using Kairos.Scenarios;

namespace Kairos.Tests.Simulation;

/// <summary>Issue 4: every `evaluate --json`, for all environments, prints one shape:
/// {"environment", "episodes", "seed", "policies": [{"name", "actions": {"mean"}, "metrics": {m: {"mean", "median", "q1", "q3"}}}]}, each summary also with "se", "ci95Low", "ci95High" (null when undefined).</summary>
public class EvaluateJsonShapeTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var s in ScenarioCatalog.All) data.Add(s.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Evaluate_EveryScenarioAndBaseline_PrintsTheSharedShape(string scenario)
    {
        // Given every baseline of the scenario, two episodes each
        var baselines = ScenarioCatalog.Get(scenario).BaselineNames;
        var o = new StringWriter();
        var e = new StringWriter();

        int code = KairosCli.Run(["evaluate", scenario, "--policies", string.Join(",", baselines), "--episodes", "2", "--seed", "4", "--json"],
            new CliIO(o, e, interactive: false));

        // Then exactly one JSON document with the shared fields
        Assert.True(code == 0, e.ToString());
        using var doc = JsonDocument.Parse(o.ToString());
        var root = doc.RootElement;
        Assert.Equal("evaluate", root.GetProperty("command").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("format").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("version").ValueKind);
        Assert.Equal(scenario, root.GetProperty("environment").GetString());
        Assert.Equal(2, root.GetProperty("episodes").GetInt32());
        Assert.Equal(4, root.GetProperty("seed").GetInt32());
        var policies = root.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(baselines, policies.Select(p => p.GetProperty("name").GetString()));
        foreach (var p in policies)
        {
            Assert.Equal(JsonValueKind.Number, p.GetProperty("actions").GetProperty("mean").ValueKind);
            var actions = p.GetProperty("actions");
            if (actions.GetProperty("se").ValueKind == JsonValueKind.Number)   // the 95% interval is mean ± 1.96 SE
                Assert.Equal(actions.GetProperty("mean").GetDouble() - 1.96 * actions.GetProperty("se").GetDouble(),
                    actions.GetProperty("ci95Low").GetDouble(), 9);
            var metrics = p.GetProperty("metrics").EnumerateObject().ToList();
            Assert.Contains(metrics, m => m.Name == ScenarioCatalog.Get(scenario).CreateEnvironment().Reward.Name);
            foreach (var m in metrics)
                foreach (var k in new[] { "mean", "median", "q1", "q3" })
                    Assert.True(m.Value.GetProperty(k).ValueKind == JsonValueKind.Number,
                        $"{scenario}/{p.GetProperty("name").GetString()}: metrics.{m.Name}.{k} is {m.Value.GetProperty(k).ValueKind}");
        }
    }
}
