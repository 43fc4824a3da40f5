using Kairos.Learning.AdDelivery;
using Kairos.Neural.AdDelivery;
using Kairos.Tests.Neural.AdDelivery;

namespace Kairos.Tests.Learning.AdDelivery;

/// <summary>The diagonal Laplace posterior of the user model: its precision against second differences of the
/// log-likelihood itself (an independent path: values, not the hand-written gradient), the floor at the prior where the
/// curvature is negative, thread independence, and the fitter's Laplace members.</summary>
public sealed class AdLaplaceTests
{
    private static readonly AdModelLayout Layout = new(3, 3, 2);
    private const double Rho = 0.5;

    private static List<AdUserSequence> Users(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(i => AdFixtures.RandomUser(Layout, rng, 20, $"u{i}")).ToList();
    }

    [Fact]
    public void Precision_IsThePriorPlusThePositivePartOfTheSecondDerivativeOfTheNegativeLogLikelihood()
    {
        var users = Users(12, 4);
        var net = new AdNetwork(Layout, 0.7, AdFixtures.RandomTheta(Layout, new Random(8)));
        var precision = AdLaplace.Precision(net, users, Rho);
        var batch = new AdBatchGradient(Layout);
        double F(double[] theta) => -batch.Evaluate(net.WithTheta(theta), users).Total;
        for (int i = 0; i < Layout.Length; i++)
        {
            double x = net.Theta[i], h = 1e-2 * Math.Max(1, Math.Abs(x));
            double At(double s) { var t = (double[])net.Theta.Clone(); t[i] = s; return F(t); }
            double f0 = At(x);
            double D(double step) => (At(x + step) - 2 * f0 + At(x - step)) / (step * step);
            double second = (4 * D(h / 2) - D(h)) / 3, noise = 64 * 2.2e-16 * Math.Abs(f0) / (h * h);
            double expected = Rho + Math.Max(0, second);
            Assert.True(Math.Abs(precision[i] - expected) <= 1e-6 * Math.Max(precision[i], expected) + 1e-6 + noise,
                $"coordinate {i}: precision {precision[i]:R}, second difference gives {expected:R}");
        }
        Assert.True(precision.Count(p => p > 2 * Rho) > Layout.Length / 2, "most coordinates are pinned down by the data");
    }

    [Fact]
    public void Precision_IsTheSameAtOneAndFourThreads()
    {
        var users = Users(40, 6);   // five chunks of eight users
        var net = new AdNetwork(Layout, 0.7, AdFixtures.RandomTheta(Layout, new Random(2)));
        Assert.Equal(AdLaplace.Precision(net, users, Rho, threads: 1), AdLaplace.Precision(net, users, Rho, threads: 4));
    }

    [Fact]
    public void LaplaceMembers_AreDrawsAroundTheMap_WithThePrecisionsSpread_AndDeterministic()
    {
        var users = Users(30, 4);
        var options = new AdModelFitOptions(3, MaxEpochs: 2, Patience: 2, BatchUsers: 8) { Posterior = AdPosteriorKind.Laplace };
        var fit = AdEnsembleFitter.Fit(users, Layout, 8, options, 7, 2, "days");
        Assert.Empty(fit.MemberFits);
        Assert.Equal(8, fit.Model.Members.Count);
        var boot = AdEnsembleFitter.Fit(users, Layout, 0, options with { Posterior = AdPosteriorKind.Bootstrap }, 7, 2, "days");
        Assert.Equal(boot.Model.Map.Theta, fit.Model.Map.Theta);   // the same MAP fit
        var precision = AdLaplace.Precision(fit.Model.Map, fit.Split.Train, options.PriorPrecision);
        var z = fit.Model.Members.SelectMany(m => m.Theta.Select((t, i) => (t - fit.Model.Map.Theta[i]) * Math.Sqrt(precision[i]))).ToArray();
        double mean = z.Average(), variance = z.Sum(v => v * v) / z.Length;
        Assert.InRange(mean, -4 / Math.Sqrt(z.Length), 4 / Math.Sqrt(z.Length));
        Assert.InRange(variance, 1 - 4 * Math.Sqrt(2.0 / z.Length), 1 + 4 * Math.Sqrt(2.0 / z.Length));
        var again = AdEnsembleFitter.Fit(users, Layout, 8, options, 7, 2, "days");
        for (int k = 0; k < 8; k++) Assert.Equal(fit.Model.Members[k].Theta, again.Model.Members[k].Theta);
        Assert.NotEqual(fit.Model.Members[0].Theta, fit.Model.Members[1].Theta);
    }

    [Fact]
    public void Tuning_ScoresEachCandidatesDrawsByTheirMixtureLikelihood_AndTheFitterKeepsTheBest()
    {
        var users = Users(30, 4);
        var candidates = new[] { 0.5, 50, 1e12 };
        var options = new AdModelFitOptions(3, MaxEpochs: 2, Patience: 2, BatchUsers: 8) { Posterior = AdPosteriorKind.Laplace, LaplacePriorPrecisions = candidates };
        var fit = AdEnsembleFitter.Fit(users, Layout, 4, options, 7, 2, "days");
        var map = fit.Model.Map;
        var hessian = AdLaplace.HessianDiagonal(map, fit.Split.Train);
        var ws = new AdLikelihoodWorkspace(Layout);
        int events = fit.Split.HeldOut.Sum(u => u.UserEventCount);
        Assert.Equal(candidates, fit.LaplaceCandidates.Select(c => c.PriorPrecision));
        foreach (var c in fit.LaplaceCandidates)
        {
            var draws = AdLaplace.Draw(map, AdLaplace.Precision(hessian, c.PriorPrecision), 4, 7);
            double direct = fit.Split.HeldOut.Sum(u =>
            {
                var l = draws.Select(d => AdLikelihood.Evaluate(d, u, ws).Total).ToArray();
                double top = l.Max();
                return top + Math.Log(l.Average(v => Math.Exp(v - top)));
            }) / events;
            Assert.Equal(direct, c.HeldOutLogPredictivePerEvent, 9);
        }
        // A huge prior precision pins every draw to the MAP: its score is the MAP's held-out log-likelihood per event.
        double mapScore = fit.Split.HeldOut.Sum(u => AdLikelihood.Evaluate(map, u, ws).Total) / events;
        Assert.Equal(mapScore, fit.LaplaceCandidates[2].HeldOutLogPredictivePerEvent, 6);
        var best = fit.LaplaceCandidates.MaxBy(c => c.HeldOutLogPredictivePerEvent)!;
        Assert.Equal(best.PriorPrecision, fit.LaplacePriorPrecision);
        var expected = AdLaplace.Draw(map, AdLaplace.Precision(hessian, best.PriorPrecision), 4, 7);
        for (int k = 0; k < 4; k++) Assert.Equal(expected[k].Theta, fit.Model.Members[k].Theta);
    }

    [Fact]
    public void EffectiveSampleSize_IsOneOverTheSumOfSquaredHistoryWeights()
    {
        var rng = new Random(12);
        for (int trial = 0; trial < 20; trial++)
        {
            var ll = Enumerable.Range(0, 16).Select(_ => -300 + 8 * rng.NextDouble() * trial).ToArray();
            var w = Kairos.Policies.AdDelivery.AdPlanningPolicy.HistoryWeights(ll);
            Assert.Equal(1 / w.Sum(x => x * x), AdLaplace.EffectiveSampleSize(ll), 9);
        }
        Assert.Equal(16, AdLaplace.EffectiveSampleSize(Enumerable.Repeat(-1234.5, 16).ToArray()), 9);
        Assert.Equal(1, AdLaplace.EffectiveSampleSize([0, -800, -900]), 9);
    }

    [Fact]
    public void HistoryWeightEffectiveSampleSizes_AreThoseOfEachUsersLikelihoodUnderEachMember()
    {
        var users = Users(5, 3);
        var members = Enumerable.Range(0, 4).Select(k => new AdNetwork(Layout, 0.7, AdFixtures.RandomTheta(Layout, new Random(20 + k)))).ToList();
        var ess = AdLaplace.HistoryWeightEffectiveSampleSizes(members, users);
        var batch = new AdBatchGradient(Layout);
        for (int u = 0; u < users.Count; u++)
        {
            var w = Kairos.Policies.AdDelivery.AdPlanningPolicy.HistoryWeights(members.Select(m => batch.Evaluate(m, [users[u]]).Total).ToArray());
            Assert.Equal(1 / w.Sum(x => x * x), ess[u], 9);
            Assert.InRange(ess[u], 1, 4);
        }
        Assert.All(AdLaplace.HistoryWeightEffectiveSampleSizes([members[0], members[0], members[0]], users), e => Assert.Equal(3, e, 9));
    }
}
