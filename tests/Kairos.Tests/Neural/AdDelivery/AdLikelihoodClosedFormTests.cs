using Kairos.Neural.AdDelivery;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Tests.Neural.AdDelivery;

/// <summary>With every head weight zero the state is ignored and the model is a Burr XII renewal process with a
/// fixed type law and log-normal values: its likelihood must equal the one computed from <see cref="BurrXII"/>.</summary>
public sealed class AdLikelihoodClosedFormTests
{
    [Fact]
    public void ConstantHeads_EqualBurrRenewalWithCategoricalTypesAndLogNormalValues()
    {
        var layout = new AdModelLayout(4, 3, 2);
        var rng = new Random(3);
        var theta = AdFixtures.RandomTheta(layout, rng);
        for (int i = layout.Cell.CellLength; i < layout.Length; i++) theta[i] = 0;
        double[] a = [0.4, -0.3, 0.2], logits = [0.1, -0.5, 0.9, 0.3];
        for (int r = 0; r < 3; r++) theta[layout.TimeB + r] = a[r];
        for (int c = 0; c < 4; c++) theta[layout.TypeB + c] = logits[c];
        theta[layout.ValueB + 2] = 2.0;
        theta[layout.ValueS + 2] = -0.4;
        const double scale = 0.8;
        var burr = new BurrXII(scale * Math.Exp(a[0]), Math.Exp(a[1]), Math.Exp(a[2]));
        var user = AdFixtures.RandomUser(layout, rng, 30);

        double expected = 0, last = 0;
        foreach (var e in user.Events)
        {
            double tau = e.Time - last;
            if (e.Kind == EventKind.Action) expected -= burr.CumulativeHazard(tau);
            else
            {
                expected += burr.LogDensity(Math.Max(tau, 1e-6 * scale));
                expected += logits[e.Kind == EventKind.Feedback ? e.Mark : 3] - Fn.LogSumExp(logits);
                if (e.Value is { } v)
                {
                    double sd = Math.Exp(-0.4), r = (Math.Log(v) - 2.0) / sd;
                    expected += -0.5 * Math.Log(2 * Math.PI) - Math.Log(sd) - 0.5 * r * r - Math.Log(v);
                }
            }
            last = e.Time;
        }
        expected -= burr.CumulativeHazard(user.End - last);

        var actual = AdLikelihood.Evaluate(new AdNetwork(layout, scale, theta), user, new AdLikelihoodWorkspace(layout));
        Assert.Equal(expected, actual.Total, 9);
        Assert.Equal(user.UserEventCount, actual.Events);
    }

    [Fact]
    public void LongerWindow_WithoutEvents_LowersTheLikelihoodByTheSurvival()
    {
        var layout = new AdModelLayout(4, 3, 2);
        var rng = new Random(4);
        var net = new AdNetwork(layout, 1, AdFixtures.RandomTheta(layout, rng));
        var user = AdFixtures.RandomUser(layout, rng, 10);
        var longer = new AdUserSequence("u", user.Events, user.End + 5, layout);
        var ws = new AdLikelihoodWorkspace(layout);
        Assert.True(AdLikelihood.Evaluate(net, longer, ws).Time < AdLikelihood.Evaluate(net, user, ws).Time);
    }
}
