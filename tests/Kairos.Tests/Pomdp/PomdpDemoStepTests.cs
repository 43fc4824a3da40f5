using Kairos.Cli.Bench;
using Kairos.Cli.Demo;
using Kairos.Pomdp;
using Kairos.Reports;

namespace Kairos.Tests.Pomdp;

public sealed class PomdpDemoStepTests
{
    private sealed class NullSink : IProgressSink
    {
        public void Report(double done, string? status = null) { }
    }

    [Fact]
    public void Run_Quick_AddsSectionWithTwoFiguresAndGreedyNearExact()
    {
        var report = new HtmlReport("test");
        var rows = new PomdpDemoStep().Run(new DemoContext(report, 42, Path.GetTempPath(), new NullSink(), Quick: true));
        var section = Assert.Single(report.Sections);
        Assert.Equal(2, section.FigureCount);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("POMDP", r.Capability));
    }

    [Fact]
    public void DemoProblem_SpecFile_DescribesTheSameProblem()
    {
        var (fromFile, _) = PomdpSpec.Load(Path.Combine(PomdpSpecTests.RepoData(), "noisy-or-grouped.json"));
        var embedded = PomdpDemoStep.Problem();
        Assert.Equal(RejectionCountDp.Solve(embedded, 8).Value, RejectionCountDp.Solve(fromFile, 8).Value, 1e-14);
    }

    [Fact]
    public void BenchInstance_SmallCopy_GridEqualsExactDp()
    {
        // The bench's ζ lie on the 0.5-lattice, so the grid DP must equal the exact DP (digest (6.4)).
        var problem = PomdpBench.Instance(attributes: 8, products: 3, k: 3);
        var grid = GridSolver.Solve(problem, 10, 0.5);
        Assert.True(grid.LatticeExact);
        Assert.Equal(RejectionCountDp.Solve(problem, 10).Value, grid.ApproxValue, 1e-12);
    }
}
