using Kairos.Neural;

namespace Kairos.Tests.Neural;

public sealed class PackedCellTests
{
    [Theory]
    [InlineData(3, 1)]    // padded to 4
    [InlineData(8, 2)]
    [InlineData(16, 1)]   // the unrolled H = 16 kernel
    [InlineData(14, 1)]
    public void Step_MatchesTheCell(int hidden, int features)
    {
        var layout = new TpprlLayout(hidden, actionMarks: 3, feedbackSources: 4, featureSize: features);
        var rng = new Random(hidden);
        var theta = Enumerable.Range(0, layout.Length).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var packed = new PackedCell(theta, layout);
        var previous = new double[packed.Stride];
        for (int i = 0; i < hidden; i++) previous[i] = 2 * rng.NextDouble() - 1;
        var z = Enumerable.Range(0, features).Select(_ => rng.NextDouble()).ToArray();
        for (int input = 0; input < layout.EmbeddingRows; input++)
        {
            var expected = new double[hidden];
            TpprlCell.Step(theta, layout, previous, input, z, 0.7, expected);
            var actual = new double[packed.Stride];
            packed.Step(previous, input, z, 0.7, actual);
            for (int i = 0; i < hidden; i++) Assert.Equal(expected[i], actual[i], 1e-14);
            for (int i = hidden; i < packed.Stride; i++) Assert.Equal(0, actual[i]);
        }
    }
}
