using Kairos.Environments.SpacedRepetition;
using Kairos.Models.SpacedRepetition;
using Kairos.Policies;
using Kairos.Simulation;
using Kairos.Decisions;

namespace Kairos.Tests.Policies;

public sealed class MemorizePolicyTests
{
    /// <summary>Time-rescaling theorem: on each item the rescaled review times Λ_i(t_j) form a unit-rate Poisson
    /// process, so those in a fixed window [0, L] with L ≤ Λ_i(T) are, given their number, iid U(0, L). (Dividing by
    /// the random Λ_i(T) instead would be biased: it depends on the recall outcomes.) Λ_i is rebuilt here from the
    /// recorded reviews with the model's update rule.</summary>
    private const double Window = 4;

    private static double[] RescaledReviewTimes(StudentModel model, double rate, double forgettingScale, int episodes)
    {
        var env = new SpacedRepetitionEnvironment(new SpacedRepetitionOptions(model));
        var policy = new MemorizePolicy(model, rate);
        var pooled = new List<double>();
        for (int ep = 0; ep < episodes; ep++)
        {
            var result = EpisodeRunner.Run(env, policy, seed: 77, index: ep, record: true);
            for (int i = 0; i < model.ItemCount; i++)
            {
                double n = model.InitialRates[i] * forgettingScale, last = 0, lambda = 0;
                var times = new List<double>();
                foreach (var e in result.Events!.Where(e => e.Mark == i))
                {
                    lambda += MemorizeIntensity.CumulativeIntensity(rate, n, e.Time - last);
                    times.Add(lambda);
                    n = model.UpdatedRate(n, e.Value == 1.0);
                    last = e.Time;
                }
                double total = lambda + MemorizeIntensity.CumulativeIntensity(rate, n, env.Spec.Horizon - last);
                Assert.True(total >= Window, $"Λ(T) = {total} < L = {Window}: the window assumption fails");
                pooled.AddRange(times.Where(t => t <= Window).Select(t => t / Window));
            }
        }
        return pooled.ToArray();
    }

    [Fact]
    public void Episode_TimeRescaling_KsAcceptsTrueModelAndRejectsWrongForgettingRate()
    {
        var model = new StudentModel(0.049, 0.0052, ItemSets.TpprlStudy().Take(10).ToArray());
        var ok = RescaledReviewTimes(model, rate: 3, forgettingScale: 1, episodes: 200);
        var wrong = RescaledReviewTimes(model, rate: 3, forgettingScale: 3, episodes: 200);
        double critical = Math.Sqrt(-Math.Log(1e-3 / 2) / 2) / Math.Sqrt(ok.Length);
        Assert.True(ok.Length > 5000, $"n = {ok.Length}");
        Assert.True(MemorizeIntensityTests.KsUniform(ok) < critical, $"KS D = {MemorizeIntensityTests.KsUniform(ok)} vs {critical}");
        Assert.True(MemorizeIntensityTests.KsUniform(wrong) > critical, $"power: KS D = {MemorizeIntensityTests.KsUniform(wrong)} vs {critical}");
    }

    [Fact]
    public void CreateState_MismatchedItemCount_Throws()
    {
        var policy = new MemorizePolicy(new StudentModel(0.1, 0.1, [1.0, 1.0]), 2);
        Assert.Throws<PolicyContextException>(() => policy.CreateState(new EpisodeSpec(14, 3, 1).Context, new DecisionRandom(1)));
    }
}
