using Kairos.Neural.AdDelivery;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.Neural.AdDelivery;

/// <summary>The sampler against the law the likelihood scores: constant heads give Burr XII gaps and fixed type
/// probabilities; the KS test accepts the right Burr and rejects a wrong one.</summary>
public sealed class AdSamplerTests
{
    private static (AdNetwork Net, BurrXII Burr) Constant()
    {
        var layout = new AdModelLayout(4, 3, 2);
        var theta = new double[layout.Length];
        theta[layout.TimeB] = 0.3;
        theta[layout.TimeB + 1] = Math.Log(1.7);
        theta[layout.TimeB + 2] = Math.Log(0.9);
        theta[layout.TypeB + 2] = 1.0;
        return (new AdNetwork(layout, 2.0, theta), new BurrXII(2.0 * Math.Exp(0.3), 1.7, 0.9));
    }

    [Fact]
    public void Gaps_FollowTheBurrLaw_AndAWrongLawIsRejected()
    {
        var (net, burr) = Constant();
        var rng = new Random(3);
        var gaps = Enumerable.Range(0, 4000).Select(_ => AdSampler.Next(net, new double[4], [false, false, true], rng).Gap).ToArray();
        Assert.True(KolmogorovSmirnov.Test(gaps, burr.Cdf).PValue > 1e-3);
        var wrong = new BurrXII(burr.Scale * 1.15, burr.Shape, burr.Tail);
        Assert.True(KolmogorovSmirnov.Test(gaps, wrong.Cdf).PValue < 1e-3);
    }

    [Fact]
    public void Types_FollowTheSoftmax_AndValuesOnlyForValuedMarks()
    {
        var (net, _) = Constant();
        var rng = new Random(4);
        var draws = Enumerable.Range(0, 20000).Select(_ => AdSampler.Next(net, new double[4], [false, false, true], rng)).ToArray();
        double e = Math.E, total = 3 + e;   // logits [0, 0, 1, 0]
        double conversions = draws.Count(d => d.Kind == EventKind.Feedback && d.Mark == 2) / 20000.0;
        Assert.InRange(conversions, e / total - 0.015, e / total + 0.015);
        Assert.All(draws, d => Assert.Equal(d.Kind == EventKind.Feedback && d.Mark == 2, d.Value is not null));
    }
}
