using Kairos.Neural.AdDelivery;
using Kairos.Numerics;

namespace Kairos.Learning.AdDelivery;

/// <summary>What <see cref="AdEnsembleFitter"/> returns: the model (MAP + members), each fit's record, and the split.</summary>
public sealed record AdEnsembleFit(AdModel Model, AdFitResult MapFit, IReadOnlyList<AdFitResult> MemberFits, AdDataSplit Split,
    AdDataSummary Summary)
{
    /// <summary>Laplace: the prior precision of the draws, and every candidate's held-out log predictive per event (empty unless tuned).</summary>
    public double? LaplacePriorPrecision { get; init; }
    public IReadOnlyList<AdLaplaceCandidate> LaplaceCandidates { get; init; } = [];
}

/// <summary>
/// The approximate posterior of docs/ad-delivery.md: a MAP fit on the training users, plus K MAP fits on bootstrap
/// resamples of them (users drawn with replacement, each its own initial θ), all early-stopped on the same held-out users;
/// or (<see cref="AdModelFitOptions.Posterior"/>) K deep-ensemble fits on all of them, or K draws from the diagonal Laplace
/// approximation around the MAP (no member fits: <see cref="AdEnsembleFit.MemberFits"/> is empty). Fit i uses random
/// stream i + 1 of the seed, Laplace draw k stream 2000 + k, so the result is the same at any thread count.
/// </summary>
public static class AdEnsembleFitter
{
    public static AdEnsembleFit Fit(IReadOnlyList<AdUserSequence> users, AdModelLayout layout, int ensemble, AdModelFitOptions options,
        int seed, int conversionMark, string timeUnit, IProgressSink? progress = null)
    {
        Require.NonNegative(ensemble, nameof(ensemble));
        var split = AdDataSplit.Of(users, seed);
        var summary = AdDataSummary.Of(split.Train, layout);
        int done = 0, total = (ensemble + 1) * options.MaxEpochs;
        AdFitResult Run(IReadOnlyList<AdUserSequence> train, int index, string label)
        {
            int before = done;
            var fit = AdModelTrainer.Fit(train, split.HeldOut, layout, summary, options, SeedSequence.Stream(seed, index + 1),
                (epoch, score) => progress?.Report(Math.Min(total, before + epoch), FormattableString.Invariant($"{label} epoch {epoch}: held-out {score:F4}/event")));
            done = before + options.MaxEpochs;
            progress?.Report(done, label);
            return fit;
        }
        var map = Run(split.Train, 0, "MAP");
        var members = new List<AdFitResult>();
        var networks = new List<AdNetwork>();
        double rho = options.PriorPrecision;
        List<AdLaplaceCandidate> tuning = [];
        if (options.Posterior == AdPosteriorKind.Laplace && ensemble > 0)
        {
            progress?.Report(done, "Laplace: diagonal Hessian at the MAP");
            var hessian = AdLaplace.HessianDiagonal(map.Network, split.Train);
            if (options.LaplacePriorPrecisions is { Count: > 0 } candidates)
            {
                tuning = AdLaplace.Tune(map.Network, hessian, split.HeldOut, candidates, ensemble, seed);
                rho = tuning.MaxBy(c => c.HeldOutLogPredictivePerEvent)!.PriorPrecision;
            }
            networks.AddRange(AdLaplace.Draw(map.Network, AdLaplace.Precision(hessian, rho), ensemble, seed));
            progress?.Report(total, "Laplace members drawn");
        }
        else
            for (int k = 1; k <= ensemble; k++)
            {
                var rng = SeedSequence.Stream(seed, 1000 + k);
                var resample = options.Posterior == AdPosteriorKind.Bootstrap
                    ? Enumerable.Range(0, split.Train.Count).Select(_ => split.Train[rng.Next(split.Train.Count)]).ToList() : split.Train;
                members.Add(Run(resample, k, $"member {k}/{ensemble}"));
                networks.Add(members[^1].Network);
            }
        var model = new AdModel(map.Network, networks, summary.ValuedMarks, conversionMark, timeUnit,
            MedianWindow(split.Train), AdSequences.MeanCosts(split.Train, layout.Ads));
        return new AdEnsembleFit(model, map, members, split, summary)
        {
            LaplacePriorPrecision = options.Posterior == AdPosteriorKind.Laplace && ensemble > 0 ? rho : null, LaplaceCandidates = tuning,
        };
    }

    private static double MedianWindow(IReadOnlyList<AdUserSequence> users)
    {
        var ends = users.Select(u => u.End).Where(e => e > 0).Order().ToList();
        return ends.Count == 0 ? 1 : Quantiles.Linear(ends, 0.5);
    }
}
