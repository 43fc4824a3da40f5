using Kairos.Neural;
using Kairos.Neural.AdDelivery;

namespace Kairos.Learning.AdDelivery;

/// <summary>
/// MAP fit of the user model by Adam on minibatches of users: the loss is −Σ_b ℓ_u / E_b + ρ‖θ‖²/(2E), the
/// per-event negative log-likelihood of the batch plus the N(0, 1/ρ) prior spread over the E training events.
/// Gradients are clipped to global norm 10. After every epoch the held-out users' log-likelihood per event is
/// measured; the best epoch's θ is kept, and training stops after <see cref="AdModelFitOptions.Patience"/> epochs
/// without improvement (early stopping). Deterministic given the seed, at any thread count.
/// </summary>
public static class AdModelTrainer
{
    private const double Clip = 10;

    public static AdFitResult Fit(IReadOnlyList<AdUserSequence> train, IReadOnlyList<AdUserSequence> heldOut,
        AdModelLayout layout, AdDataSummary summary, AdModelFitOptions options, Random rng, Action<int, double>? onEpoch = null)
    {
        options.Validate();
        if (train.Count == 0 || heldOut.Count == 0) throw new ArgumentException("the fit needs training and held-out users.");
        var theta = AdModelInitializer.Create(layout, rng, summary.TypeFrequencies, summary.LogValueMeans, summary.LogValueSds);
        var batch = new AdBatchGradient(layout);
        var adam = new Adam(layout.Length);
        var gradient = new double[layout.Length];
        var order = Enumerable.Range(0, train.Count).ToArray();
        int events = Math.Max(1, train.Sum(u => u.UserEventCount));
        double heldOutEvents = Math.Max(1, heldOut.Sum(u => u.UserEventCount));
        var best = (double[])theta.Clone();
        double bestScore = batch.Evaluate(new AdNetwork(layout, summary.TimeScale, theta), heldOut).Total / heldOutEvents;
        var curve = new List<double>();
        int bestEpoch = 0, epoch = 0;
        while (epoch < options.MaxEpochs && epoch - bestEpoch < options.Patience)
        {
            epoch++;
            rng.Shuffle(order);
            for (int start = 0; start < order.Length; start += options.BatchUsers)
            {
                var users = order.Skip(start).Take(options.BatchUsers).Select(i => train[i]).ToArray();
                double batchEvents = Math.Max(1, users.Sum(u => u.UserEventCount));
                var net = new AdNetwork(layout, summary.TimeScale, theta);
                batch.Evaluate(net, users, gradient, -1 / batchEvents);
                for (int i = 0; i < theta.Length; i++) gradient[i] += options.PriorPrecision / events * theta[i];
                if (!double.IsFinite(GlobalNorm.Norm(gradient)))
                    throw new InvalidOperationException("the user model's gradient is not finite; lower the learning rate.");
                GlobalNorm.Clip(gradient, Clip);
                adam.Step(theta, gradient, options.LearningRate);
            }
            double score = batch.Evaluate(new AdNetwork(layout, summary.TimeScale, theta), heldOut).Total / heldOutEvents;
            curve.Add(score);
            onEpoch?.Invoke(epoch, score);
            if (score > bestScore)
            {
                bestScore = score;
                bestEpoch = epoch;
                Array.Copy(theta, best, theta.Length);
            }
        }
        return new AdFitResult(new AdNetwork(layout, summary.TimeScale, best), bestScore, epoch, bestEpoch, curve);
    }
}
