using System.Diagnostics;
using Kairos.PointProcesses;

namespace Kairos.Cli.Bench;

/// <summary>
/// One-core throughput of the 1-D exponential Hawkes log-likelihood (issue 3, Performance): events processed per
/// second by the fast kernels, each beside a plain scalar loop doing the same work, measured in the same run on the
/// same simulated data (μ = 0.5, α = 0.6, β = 1.5): for β fixed, a loop over the same cached per-β sums (one Log
/// per event); for a new β, the textbook recursive loop (Exp twice, Log once per event). Every call changes the
/// parameters so nothing is reused across calls except what the kernel is allowed to cache (the per-β sums when β
/// is fixed). The <c>tick</c> figures in the notes are quoted from its documentation, not measured here.
/// </summary>
public sealed class HawkesBench : IBenchSource
{

    public IReadOnlyList<string> FigureNames => ["hawkes_loglik_events_per_s", "hawkes_loglik_grad_events_per_s", "hawkes_loglik_new_beta_events_per_s", "hawkes_loglik_grad_fixed_beta_events_per_s"];

    public IEnumerable<BenchFigure> Measure(bool quick)
    {
        int n = quick ? 200_000 : 1_000_000;
        double seconds = quick ? 0.4 : 2.0;
        double horizon = n / 1.25;   // mean rate μ/(1 − α) = 1.25
        var times = HawkesSimulator.Thinning(HawkesExpKernel.Univariate(0.5, 0.6, 1.5), horizon, new Random(20240601)).Times.ToArray();
        var grad = new double[3];
        var grad2 = new double[2];
        var fixedDecay = new HawkesFixedDecayLikelihood(times, horizon, 1.5);
        var (cached, compensatorSum) = HawkesBaselineLoops.CachedSums(times, horizon, 1.5);
        double sink = 0;

        double fast = EventsPerSecond(times.Length, seconds, k => sink += fixedDecay.LogLikelihood(0.5 + 1e-9 * k, 0.6));
        double sameWork = EventsPerSecond(times.Length, seconds, k => sink += HawkesBaselineLoops.CachedSumsLoop(cached, compensatorSum, horizon, 0.5 + 1e-9 * k, 0.6, 1.5));
        yield return new BenchFigure("hawkes_loglik_events_per_s", fast, "events/s", 150e6,
            "scalar loop over the same cached per-beta sums (1 Log per event)", sameWork,
            $"1-D, beta fixed with cached per-beta sums (as tick; tick's ~150M/s is quoted, not measured here), n={times.Length}, one core");

        double fastGrad = EventsPerSecond(times.Length, seconds, k => sink += HawkesFastLikelihood.LogLikelihood(times, horizon, 0.5, 0.6, 1.5 + 1e-9 * k, grad));
        double simpleGrad = EventsPerSecond(times.Length, seconds, k => sink += HawkesBaselineLoops.TextbookRecursive(times, horizon, 0.5, 0.6, 1.5 + 1e-9 * k, grad));
        yield return new BenchFigure("hawkes_loglik_grad_events_per_s", fastGrad, "events/s", 100e6,
            "textbook recursive loop with gradient", simpleGrad,
            $"1-D, log-likelihood + gradient in (mu, alpha, beta), beta changes every call, n={times.Length}, one core");

        double fastNewBeta = EventsPerSecond(times.Length, seconds, k => sink += HawkesFastLikelihood.LogLikelihood(times, horizon, 0.5, 0.6, 1.5 + 1e-9 * k));
        double simple = EventsPerSecond(times.Length, seconds, k => sink += HawkesBaselineLoops.TextbookRecursive(times, horizon, 0.5, 0.6, 1.5 + 1e-9 * k));
        yield return new BenchFigure("hawkes_loglik_new_beta_events_per_s", fastNewBeta, "events/s", null,
            "textbook recursive loop (2 Exp + 1 Log per event)", simple,
            $"1-D, log-likelihood only, beta changes every call (tick: ~44M, quoted, not measured here), n={times.Length}");

        double fixedGrad = EventsPerSecond(times.Length, seconds, k => sink += fixedDecay.LogLikelihood(0.5 + 1e-9 * k, 0.6, grad2));
        double sameWorkGrad = EventsPerSecond(times.Length, seconds, k => sink += HawkesBaselineLoops.CachedSumsLoop(cached, compensatorSum, horizon, 0.5 + 1e-9 * k, 0.6, 1.5, grad2));
        yield return new BenchFigure("hawkes_loglik_grad_fixed_beta_events_per_s", fixedGrad, "events/s", null,
            "scalar loop over the same cached per-beta sums with gradient (1 Log + 1 division per event)", sameWorkGrad,
            $"1-D, beta fixed, gradient in (mu, alpha){(double.IsFinite(sink) ? "" : " (non-finite result!)")}");
    }

    /// <summary>Best of 3 rounds of repeated calls (each round ≥ seconds/3) after one warm-up call.</summary>
    private static double EventsPerSecond(int events, double seconds, Action<int> call)
    {
        call(0);
        double best = 0;
        int k = 1;
        for (int round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            int calls = 0;
            do { call(k++); calls++; } while (sw.Elapsed.TotalSeconds < seconds / 3);
            best = Math.Max(best, (double)events * calls / sw.Elapsed.TotalSeconds);
        }
        return best;
    }
}
