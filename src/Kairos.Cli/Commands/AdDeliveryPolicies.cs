using System.Globalization;
using Kairos.Data.AdLogs;
using Kairos.Evaluation;
using Kairos.Learning.OffPolicy;
using Kairos.Policies.AdDelivery;
using Kairos.Simulation;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`evaluate ad-delivery`'s policy list and off-policy columns: learned:FILE, plugin:FILE, thompson:FILE,
/// myopic:FILE, plan:FILE, plan-plugin:FILE and plan-thompson:FILE are ad policy files from `kairos train ad-delivery`; bare myopic is the myopic rule on the model of the
/// first file listed; the other names are the scenario's baselines.</summary>
public static class AdDeliveryPolicies
{
    public const string Environment = "ad-delivery";
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["learned"] = AdSoftmaxPolicy.LearnedKind, ["plugin"] = AdSoftmaxPolicy.PlugInKind,
        ["thompson"] = AdThompsonPolicy.KindName, ["myopic"] = AdMyopicPolicy.KindName,
        ["plan"] = AdPlanningPolicy.PosteriorKind, ["plan-plugin"] = AdPlanningPolicy.PlugInKind, ["plan-thompson"] = AdPlanningPolicy.ThompsonKind,
    };

    public static List<PolicySpec> Parse(IReadOnlyList<string> items, List<string> errors)
    {
        var specs = new List<PolicySpec>();
        foreach (var item in items)
        {
            int colon = item.IndexOf(':');
            if (colon < 0) { specs.Add(new BaselinePolicySpec(item)); continue; }
            string label = item[..colon], path = item[(colon + 1)..];
            if (!Labels.ContainsKey(label))
                errors.Add($"--policies '{item}': '{label}' is not an ad policy kind.{DidYouMean.Hint(label, Labels.Keys)} Use {string.Join(", ", Labels.Keys.Select(k => k + ":<file>"))}");
            else if (path.Length == 0) errors.Add($"--policies '{item}': give the policy file after '{label}:'");
            else specs.Add(new AdPolicyFileSpec(label, path));
        }
        var first = specs.OfType<AdPolicyFileSpec>().FirstOrDefault();
        for (int i = 0; i < specs.Count; i++)
        {
            if (specs[i] is not BaselinePolicySpec { Name: "myopic" }) continue;
            if (first is null) errors.Add("--policies: bare 'myopic' uses the model of an ad policy file listed beside it (learned:<file>, …), or give myopic:<file>");
            else specs[i] = new AdPolicyFileSpec("myopic", first.Path, AdMyopicPolicy.KindName);
        }
        return specs;
    }

    /// <summary>IPS, SNIPS and DR of every ad policy file of the plan from the log at <paramref name="logPath"/>.</summary>
    public static IReadOnlyList<AdOffPolicyRow> OffPolicy(CliIO io, string logPath, IReadOnlyList<PolicySpec> specs, int seed, int rollouts,
        int threads, bool json)
    {
        var log = AdLogFiles.Read(logPath);
        var policies = specs.OfType<AdPolicyFileSpec>().Select(EvaluationService.LoadAd).ToList();
        var rows = io.WithProgress("off-policy estimates", policies.Count, json, progress =>
        {
            var rows = new List<AdOffPolicyRow>();
            foreach (var p in policies)
            {
                rows.AddRange(AdOffPolicyEvaluation.Run([p], log, seed, rollouts, threads));
                progress.Report(rows.Count, p.Name);
            }
            return rows;
        });
        foreach (var r in rows)
            if (r.Ips.TrustWarning(r.Policy) is { } warning) io.Warn(warning);
        return rows;
    }

    public static object Estimate(OffPolicyEstimate e) => new
    {
        value = e.Value, lower = e.Lower, upper = e.Upper, standardError = e.StandardError, effectiveSampleSize = e.EffectiveSampleSize,
        interval = e.IntervalKind, trusted = e.Trusted,
    };

    public static void WriteOffPolicyTable(CliIO io, IReadOnlyList<AdOffPolicyRow> rows, IReadOnlyList<PolicyEvaluation> truth)
    {
        var table = new Table().AddColumns("policy", "true utility", "ips (95% CI)", "snips (95% CI)", "dr (95% CI)", "ess");
        foreach (var r in rows)
        {
            var t = truth.FirstOrDefault(p => p.Policy == r.Policy);
            table.AddRow(Markup.Escape(r.Policy), t is null ? "" : F(t.Values("utility").Average()), I(r.Ips), I(r.Snips), I(r.Dr), F(r.Ips.EffectiveSampleSize));
        }
        table.Caption($"off-policy estimates from {rows[0].Users} logged users (95% studentized-bootstrap intervals over users)");
        io.Table().Write(table);
    }

    private static string I(OffPolicyEstimate e) => Markup.Escape($"{F(e.Value)} [{F(e.Lower)}, {F(e.Upper)}]");
    private static string F(double x) => double.IsFinite(x) ? x.ToString("F3", CultureInfo.InvariantCulture) : "n/a";
}
