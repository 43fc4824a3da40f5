using Kairos.Environments;
using Kairos.Simulation;

namespace Kairos.Evaluation;

/// <summary>The episode metrics a scenario's environment reports, e.g. to check a reward metric before training.</summary>
public static class ScenarioMetrics
{
    /// <summary>Names of the metrics, read from one episode of the scenario's first baseline (environments do not yet
    /// declare their metrics; one episode costs milliseconds).</summary>
    public static IReadOnlyList<string> Names(IScenario scenario) =>
        Evaluator.Evaluate(scenario.CreateEnvironment(), [scenario.CreateBaseline(scenario.BaselineNames[0], null, 0)], 1, 0, 1)[0]
            .MetricNames;
}
