using Kairos.Environments.Toy;
using Kairos.Learning;
using Kairos.Neural;
using Kairos.Policies;
using Kairos.Simulation;
using Xunit.Abstractions;

namespace Kairos.Tests.Learning;

/// <summary>Training to a budget (TrainerOptions.ActionBudget) against closed forms of the toy environments.</summary>
public class BudgetTrainingTests(ITestOutputHelper output)
{
    private const double Q = 0.5, T = 10;

    [Fact]
    public void Train_SwitchingUserAtBudgetSix_MeetsItWithTheLagrangianOptimum()
    {
        // Given the active/idle user (r₁ = 1, r₀ = 0.25, κ = 0.5, T = 10) and q = 0.5. Under E[N] = N the Lagrangian
        // E∫((r_s − p)λ − qλ²/2) dt is maximised pointwise by λ*(t) = (r_s(t) − p)⁺/q, so E[N] = T/(2q) Σ_s (r_s − p)⁺.
        // Unconstrained (p = 0) that is 12.5; at N = 6 it gives p* = 0.4: act only while active, at λ = 1.2, worth
        // E[reward] = 6 and J*(6) = 6 − q/2 · (T/2) · 1.2² = 4.2. A constant rate spending 6 earns 6 · 0.625 = 3.75.
        var env = new SwitchingEnvironment(horizon: T);
        const double budget = 6, price = 0.4, reward = 6, optimum = 4.2;
        var trainer = new PolicyGradientTrainer(env, Options(budget, seed: 7));

        var result = trainer.Train(Start(env, 3));

        // Then the returned policy spends 6 ± 5% on fresh users, the price is within 0.05 of p*, and the reward (all of
        // it earned while active, the constraint's optimum) and J are within 10% of the closed forms. (Seeds 1, 2, 3, 7:
        // fresh actions 5.87–6.06, price 0.363–0.429, J 4.09–4.16.)
        var outcome = result.Budget!;
        var eval = new PolicyGradientTrainer(env, Options(null, 7)).Evaluate(result.Policy, 2000, seed: 99);
        output.WriteLine($"actions {outcome.Actions} ± {outcome.ActionsStandardError}, price {outcome.Price}; fresh actions " +
            $"{eval.Actions}, reward {eval.Metric}, J {eval.Metric - eval.Penalty}");
        Assert.True(outcome.Met);
        Assert.InRange(eval.Actions, 0.95 * budget, 1.05 * budget);
        Assert.InRange(outcome.Price, price - 0.05, price + 0.05);
        Assert.InRange(eval.Metric, 0.9 * reward, reward * 1.05);
        Assert.InRange(eval.Metric - eval.Penalty, 0.9 * optimum, optimum * 1.05);
    }

    [Fact]
    public void Train_CountingUserAtTwoBudgets_SpendsEachWithItsClosedFormPrice()
    {
        const int seed = 11;
        // Given reward = N(T) with q = 0.5 over T = 10: free, λ* = 1/q spends 20. With price p, λ* = (1 − p)/q spends
        // T(1 − p)/q, so budget N binds at p* = 1 − qN/T: 0.75 for N = 5, 0.25 for N = 15.
        var env = new CountingEnvironment(horizon: T);
        foreach (var budget in new[] { 4.0, 10.0 })
        {
            var result = new PolicyGradientTrainer(env, Options(budget, seed)).Train(Start(env, 5));

            var outcome = result.Budget!;
            var fresh = new PolicyGradientTrainer(env, Options(null, seed)).Evaluate(result.Policy, 2000, seed: 99);
            output.WriteLine($"N {budget}: actions {outcome.Actions} ± {outcome.ActionsStandardError}, fresh {fresh.Actions}, price {outcome.Price}");
            // Then each budget is met within 5% on fresh users (not the free 20), at a price within 0.05 of 1 − qN/T
            // (seeds 1, 2, 3, 11: fresh actions 3.88–4.08 and 9.98–10.09, prices within 0.03)
            Assert.True(outcome.Met, $"N {budget}: {outcome.Actions}");
            Assert.InRange(fresh.Actions, 0.95 * budget, 1.05 * budget);
            Assert.InRange(outcome.Price, 1 - Q * budget / T - 0.05, 1 - Q * budget / T + 0.05);
        }
    }

    private static TrainerOptions Options(double? budget, int seed) => new()
    {
        Iterations = 500, BatchSize = 32, LearningRate = 0.05, LearningRateDecay = 0.01,
        Regularizers = new RegularizerWeights(Q), Seed = seed, EvaluateEvery = 40, HeldOutEpisodes = 2000,
        Baseline = BaselineKind.LeaveOneOutCausal, ActionBudget = budget, BudgetTolerance = 0.03,
    };

    private static NeuralTppPolicy Start(IEnvironment env, int seed) =>
        NeuralTppPolicy.Initialize(env.Spec.Context, new Random(seed), hidden: 4, initialRate: 0.5);
}
