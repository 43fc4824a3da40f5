using Kairos.Learning.AdDelivery;
using Kairos.Neural.AdDelivery;

namespace Kairos.Tests.Learning.AdDelivery;

public sealed class AdModelTrainerTests
{
    private static readonly AdModelLayout Layout = new(4, 3, 2);
    private static readonly AdModelFitOptions Options = new(Hidden: 4, LearningRate: 0.03, BatchUsers: 16, MaxEpochs: 25, Patience: 4);

    private static AdFitResult Fit(int seed)
    {
        var train = RenewalUsers.Draw(Layout, 120, 30, 1);
        var heldOut = RenewalUsers.Draw(Layout, 40, 30, 2);
        return AdModelTrainer.Fit(train, heldOut, Layout, AdDataSummary.Of(train, Layout), Options, new Random(seed));
    }

    [Fact]
    public void Fit_OnRenewalUsers_ReachesTheTrueModelsHeldOutLikelihood()
    {
        var fit = Fit(5);
        var heldOut = RenewalUsers.Draw(Layout, 40, 30, 2);
        var truth = new AdBatchGradient(Layout).Evaluate(RenewalUsers.Truth(Layout), heldOut);
        double truthPerEvent = truth.Total / truth.Events;
        Assert.InRange(fit.HeldOutLogLikelihoodPerEvent, truthPerEvent - 0.03, truthPerEvent + 0.03);
        Assert.True(fit.HeldOutCurve[0] < fit.HeldOutLogLikelihoodPerEvent);
    }

    [Fact]
    public void Fit_IsDeterministicGivenTheSeed()
    {
        var a = Fit(9);
        var b = Fit(9);
        Assert.Equal(a.Network.Theta, b.Network.Theta);
        Assert.Equal(a.BestEpoch, b.BestEpoch);
    }
}
