using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Kairos.Decisions;
using Kairos.Environments.AdDelivery;
using Kairos.Evaluation;
using Kairos.Policies;
using Kairos.Policies.AdDelivery;
using Kairos.Scenarios;
using Kairos.Simulation;

namespace Kairos.Cli.Demo;

/// <summary>Demo of ad delivery (Merkov &amp; Rohde, issue 12): the shipped learned policy (data/models/ad-delivery.learned.json,
/// a posterior-predictive planning policy on a model fitted to a simulated log; data/models/NOTICE.md says how) and the myopic rule on its model against logging,
/// never and the oracle on held-out simulated users, and the off-policy (IPS, SNIPS, DR) estimates of the learned
/// policy's utility from a fresh log beside its true value.</summary>
public sealed class AdDeliveryDemoStep : IDemoStep
{
    public const string Resource = "ad-delivery.learned.json";

    public string Name => "ad delivery";

    public IReadOnlyList<DemoSummaryRow> Run(DemoContext context)
    {
        int users = context.Quick ? 200 : 400;
        var learned = Load();
        var env = new AdDeliveryEnvironment();
        var scenario = new AdDeliveryScenario();
        var logging = scenario.CreateBaseline("logging", null, context.Seed);
        IDeliveryPolicy[] policies = [learned, AdPolicyFile.Create(AdMyopicPolicy.KindName, learned.Model, learned.Costs, null, "myopic"), logging,
            scenario.CreateBaseline("never", null, context.Seed), scenario.CreateBaseline("oracle", null, context.Seed)];
        var eval = Evaluator.Evaluate(env, policies, users, context.Seed + 7919);
        context.Progress.Report(1, "policies evaluated");
        var values = eval.Select(e => e.Values("utility")).ToArray();
        var (share, lo, hi) = AdDeliveryExperiment.GainShare(values[0], values[2], values[4]);
        var log = Environments.AdDelivery.AdLogSimulator.Simulate(env, logging, users, context.Seed, firstUser: 1 << 20).Log;
        var ope = AdOffPolicyEvaluation.Run([learned], log, context.Seed, rollouts: 2)[0];
        context.Progress.Report(2, "off-policy estimates");

        var section = context.Report.AddSection("Ad delivery: a learned policy from logs (Merkov & Rohde)");
        section.Paragraph($"Synthetic users (14 days, 3 ads with costs 0.02/0.05/0.10; docs/ad-delivery.md) on {users} held-out users. " +
            "'learned' is the shipped policy: at each opportunity it plans by rollouts of a neural marked point-process model " +
            "(averaged over its bootstrap posterior) fitted to a random:0.5 log, never on the ground truth; 'myopic' acts when the model's predicted next-event uplift exceeds the cost; " +
            "the oracle plans with each user's true traits. Assumes stationarity, SUTVA and no unobserved confounding.");
        section.Table(["policy", "utility / user", "± s.e.", "ads / user"], eval.Select(e => (IReadOnlyList<string>)
            [e.Policy, F(e.Values("utility").Average()), F(Se(e.Values("utility"))), F(e.MeanActions)]));
        section.Paragraph(Inv($"Learned policy's share of the oracle's gain over logging: {share:P0} [{lo:P0}, {hi:P0}] (target ≥ 80%)."));
        section.Table(["estimator (from a fresh random:0.5 log)", "learned utility / user", "95% interval"],
            new[] { ("IPS", ope.Ips), ("SNIPS", ope.Snips), ("DR (model direct method)", ope.Dr) }.Select(x => (IReadOnlyList<string>)
                [x.Item1, F(x.Item2.Value), $"[{F(x.Item2.Lower)}, {F(x.Item2.Upper)}]"]));
        return
        [
            new("ad delivery", "learned utility / user", F(values[0].Average()), Inv($"logging {values[2].Average():F3}, oracle {values[4].Average():F3}")),
            new("ad delivery", "learned share of oracle gain over logging", Inv($"{share:P0}"), "target ≥ 80%"),
            new("ad delivery", "DR estimate of learned utility (logs)", Inv($"{ope.Dr.Value:F3} [{ope.Dr.Lower:F3}, {ope.Dr.Upper:F3}]"), Inv($"true {values[0].Average():F3}")),
        ];
    }

    /// <summary>The embedded learned policy (data/models/<see cref="Resource"/>), named "learned".</summary>
    internal static AdPolicy Load()
    {
        string name = "Kairos.Cli.Models." + Resource;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource '{name}' is missing from kairos.");
        var root = JsonNode.Parse(stream) as JsonObject ?? throw new InvalidOperationException($"{name} is not a JSON object.");
        var p = AdPolicyFile.Parse(root, "data/models/" + Resource);
        var plan = p as AdPlanningPolicy;
        return AdPolicyFile.Create(p.Kind, p.Model, p.Costs, (p as AdSoftmaxPolicy)?.Xi, "learned", plan?.Rollouts, plan?.Lookahead,
            plan?.Continuation ?? AdContinuation.None);
    }

    private static double Se(double[] x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / Math.Max(1, x.Length - 1) / x.Length);
    }

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
    private static string Inv(FormattableString s) => FormattableString.Invariant(s);
}
