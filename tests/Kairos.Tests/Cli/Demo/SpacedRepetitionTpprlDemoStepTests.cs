using System.Globalization;
using Kairos.Cli.Demo;
using Kairos.Reports;

namespace Kairos.Tests.Cli.Demo;

public sealed class SpacedRepetitionTpprlDemoStepTests
{
    [Fact]
    public void Run_Quick_ComparesThePretrainedPoliciesWithMatchedBaselinesAndPlotsFourFigures()
    {
        // Given the quick demo (10 students, uniform and cram only, a 4-update training run)
        var dir = Path.Combine(Path.GetTempPath(), "kairos-demo-sr-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var report = new HtmlReport("test");
            // When it runs
            var rows = new SpacedRepetitionTpprlDemoStep().Run(new DemoContext(report, 42, dir, new NullSink(), Quick: true));
            // Then: three TPPRL variants, two baselines, the short-run row; recall values in [0, 1]; four figures
            Assert.Equal(6, rows.Count);
            Assert.All(rows.Take(5), r => Assert.InRange(double.Parse(r.Value, CultureInfo.InvariantCulture), 0, 1));
            Assert.StartsWith("tpprl (timed)", rows[0].Metric);
            var section = Assert.Single(report.Sections);
            Assert.Equal(4, section.FigureCount);
            Assert.True(File.Exists(Path.Combine(dir, "spaced-repetition-tpprl-curve.csv")));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Pretrained_TimedPolicy_BeatsCramAtItsBudget()
    {
        // The committed policy (data/models) is the one docs/spaced-repetition.md reports: on 40 students it must
        // still beat the budget-matched cram baseline in expected recall (a stale or broken file would not).
        var (name, scenario, resource) = SpacedRepetitionTpprlDemoStep.Pretrained[0];
        var policy = SpacedRepetitionTpprlDemoStep.Load(resource, scenario);
        var env = scenario.CreateEnvironment();
        var tpprl = Kairos.Simulation.Evaluator.Evaluate(env, [policy], 40, 7)[0];
        var cram = new Kairos.Policies.CramPolicy(tpprl.MeanActions);
        var baseline = Kairos.Simulation.Evaluator.Evaluate(env, [cram], 40, 7)[0];
        Assert.True(tpprl.Summary("expected_recall").Mean > baseline.Summary("expected_recall").Mean,
            $"{name}: {tpprl.Summary("expected_recall").Mean} vs cram {baseline.Summary("expected_recall").Mean}");
    }

    private sealed class NullSink : IProgressSink
    {
        public void Report(double done, string? status = null) { }
    }
}
