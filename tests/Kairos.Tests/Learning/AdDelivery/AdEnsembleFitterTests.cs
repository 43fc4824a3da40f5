using Kairos.Learning.AdDelivery;
using Kairos.Neural.AdDelivery;
using Kairos.Numerics;
using Kairos.Tests.Neural.AdDelivery;

namespace Kairos.Tests.Learning.AdDelivery;

/// <summary>The posterior members' data: bootstrap resamples by default, all training users for a deep ensemble.</summary>
public sealed class AdEnsembleFitterTests
{
    private static readonly AdModelLayout Layout = new(3, 3, 2);

    private static List<AdUserSequence> Users()
    {
        var rng = new Random(4);
        return Enumerable.Range(0, 30).Select(i => AdFixtures.RandomUser(Layout, rng, 20, $"u{i}")).ToList();
    }

    [Fact]
    public void DeepEnsembleMember_IsTheMapFitOnAllTrainingUsers_FromItsOwnStream_AndABootstrapMemberIsNot()
    {
        var users = Users();
        var options = new AdModelFitOptions(3, MaxEpochs: 2, Patience: 2, BatchUsers: 8) { Posterior = AdPosteriorKind.Ensemble };
        var deep = AdEnsembleFitter.Fit(users, Layout, 1, options, 7, 2, "days");
        var split = deep.Split;
        var direct = AdModelTrainer.Fit(split.Train, split.HeldOut, Layout, AdDataSummary.Of(split.Train, Layout), options, SeedSequence.Stream(7, 2));
        Assert.Equal(direct.Network.Theta, deep.Model.Members[0].Theta);
        Assert.NotEqual(deep.Model.Map.Theta, deep.Model.Members[0].Theta);   // its own initial θ
        var boot = AdEnsembleFitter.Fit(users, Layout, 1, options with { Posterior = AdPosteriorKind.Bootstrap }, 7, 2, "days");
        Assert.Equal(deep.Model.Map.Theta, boot.Model.Map.Theta);
        Assert.NotEqual(direct.Network.Theta, boot.Model.Members[0].Theta);
    }
}
