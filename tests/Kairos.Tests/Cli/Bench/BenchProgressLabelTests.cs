using Kairos.Cli.Bench;
using Kairos.Cli.Commands;

namespace Kairos.Tests.Cli.Bench;

/// <summary>`bench` progress names what it measures by the figures' names, never a C# class name such as SamplerBench.</summary>
public sealed class BenchProgressLabelTests
{
    [Fact]
    public void EverySourceIsLabelledByItsFigures()
    {
        foreach (var source in BenchSources.All())
        {
            string label = BenchCommand.FigureLabel(source, null);
            Assert.DoesNotContain(source.GetType().Name, label);
            if (source.FigureNames.Count > 0) Assert.StartsWith(source.FigureNames[0], label);
        }
        Assert.Equal("alg2_feedback_samples_per_s", BenchCommand.FigureLabel(new SamplerBench(), "feedback"));
    }
}
