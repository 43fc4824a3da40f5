using System.Text.Json.Nodes;
using Kairos.Neural.AdDelivery;

namespace Kairos.Policies.AdDelivery;

/// <summary>
/// The policy file `kairos train ad-delivery` writes and the decision service loads: JSON with "format":
/// "kairos.ad-policy", "version": 1, "kind" (ad-learned, ad-plugin, ad-thompson, ad-myopic), "adCosts" (one per ad;
/// files that give one "actionCost" for every ad are read too), "xi" (softmax kinds only), "rollouts",
/// "lookahead", "baseRule", "margin" and "historyWeighted" (ad-plan only; members weighted by the user's history) (planning kinds ad-plan, ad-plan-plugin, ad-plan-thompson; optional, defaults
/// <see cref="AdPlanningPolicy.DefaultRollouts"/> and the model's horizon) and "model" (an embedded kairos.ad-model;
/// posterior members only for ad-thompson, ad-plan and ad-plan-thompson).
/// </summary>
public static class AdPolicyFile
{
    public const string Format = "kairos.ad-policy";
    public const int Version = 1;
    public static readonly string[] Kinds = [AdSoftmaxPolicy.LearnedKind, AdSoftmaxPolicy.PlugInKind, AdThompsonPolicy.KindName, AdMyopicPolicy.KindName,
        .. AdPlanningPolicy.Kinds];

    /// <summary>The policy of <paramref name="kind"/>: Thompson keeps the posterior, the others use the MAP alone.</summary>
    public static AdPolicy Create(string kind, AdModel model, double actionCost, double[]? xi = null) =>
        Create(kind, model, AdPolicy.Uniform(model.Layout.Ads, actionCost), xi);

    /// <summary>The policy of <paramref name="kind"/> with a cost per ad (planning kinds: <paramref name="rollouts"/> and
    /// <paramref name="lookahead"/>, null for the defaults).</summary>
    public static AdPolicy Create(string kind, AdModel model, IReadOnlyList<double> costs, double[]? xi = null, string? name = null,
        int? rollouts = null, double? lookahead = null, AdContinuation continuation = AdContinuation.None, double margin = 0, bool historyWeighted = false, int rolloutStream = 0) => kind switch
    {
        AdPlanningPolicy.PosteriorKind or AdPlanningPolicy.PlugInKind or AdPlanningPolicy.ThompsonKind =>
            new AdPlanningPolicy(model, costs, kind, rollouts ?? AdPlanningPolicy.DefaultRollouts, lookahead, name, continuation, margin, historyWeighted, rolloutStream),
        AdThompsonPolicy.KindName => new AdThompsonPolicy(model, costs, name),
        AdMyopicPolicy.KindName => new AdMyopicPolicy(model.PlugIn(), costs, name),
        AdSoftmaxPolicy.LearnedKind or AdSoftmaxPolicy.PlugInKind =>
            new AdSoftmaxPolicy(model.PlugIn(), costs, xi ?? throw new ArgumentNullException(nameof(xi)), kind, name),
        _ => throw new UserInputException($"unknown ad policy kind '{kind}'.{DidYouMean.Hint(kind, Kinds)} Allowed: {string.Join(", ", Kinds)}"),
    };

    public static string ToJson(AdPolicy policy)
    {
        var root = new JsonObject
        {
            ["format"] = Format, ["version"] = Version, ["kind"] = policy.Kind,
            ["adCosts"] = new JsonArray(policy.Costs.Select(c => (JsonNode)c).ToArray()),
            ["model"] = JsonNode.Parse(AdModelFile.ToJson(policy.Model)),
        };
        if (policy is AdSoftmaxPolicy s) root["xi"] = new JsonArray(s.Xi.Select(x => (JsonNode)x).ToArray());
        if (policy is AdPlanningPolicy p)
        {
            root["rollouts"] = p.Rollouts;
            root["lookahead"] = p.Lookahead;
            root["baseRule"] = BaseRuleName(p.Continuation);
            if (p.Margin != 0) root["margin"] = p.Margin;
            if (p.HistoryWeighted) root["historyWeighted"] = true;
        }
        return root.ToJsonString();
    }

    public static void Write(string path, AdPolicy policy) => File.WriteAllText(path, ToJson(policy));

    public static AdPolicy Parse(JsonObject root, string source)
    {
        int version = root["version"] is JsonValue v && v.TryGetValue<int>(out int x) ? x
            : throw new UserInputException($"{source}: field 'version' is missing or not an integer.");
        if (version != Version) throw new UserInputException($"{source}: field 'version' is {version}; this build reads version {Version}.");
        string kind = root["kind"] is JsonValue k && k.TryGetValue<string>(out var s) ? s
            : throw new UserInputException($"{source}: field 'kind' is missing; one of {string.Join(", ", Kinds)}.");
        if (!Kinds.Contains(kind))
            throw new UserInputException($"{source}: field 'kind' is '{kind}'.{DidYouMean.Hint(kind, Kinds)} Allowed: {string.Join(", ", Kinds)}");
        var model = AdModelFile.Parse(root["model"]?.ToJsonString() ?? throw new UserInputException($"{source}: field 'model' is missing."),
            $"{source} (field 'model')");
        double[] costs = root["adCosts"] is not null ? AdModelFile.Costs(root["adCosts"], model.Layout.Ads, source)
            : root["actionCost"] is JsonValue c && c.TryGetValue<double>(out double y) && y >= 0 && double.IsFinite(y) ? AdPolicy.Uniform(model.Layout.Ads, y)
            : throw new UserInputException($"{source}: field 'adCosts' (one cost per ad) is missing.");
        double[]? xi = null;
        if (kind is AdSoftmaxPolicy.LearnedKind or AdSoftmaxPolicy.PlugInKind)
        {
            if (root["xi"] is not JsonArray a) throw new UserInputException($"{source}: field 'xi' is missing.");
            if (a.Count != AdSoftmaxPolicy.Length(model.Layout))
                throw new UserInputException($"{source}: field 'xi' has {CountText.Of(a.Count, "number")}; the model needs {AdSoftmaxPolicy.Length(model.Layout)}.");
            xi = a.Select((n, i) => n is JsonValue nv && nv.TryGetValue<double>(out double d) && double.IsFinite(d) ? d
                : throw new UserInputException($"{source}: field 'xi[{i}]' is not a finite number.")).ToArray();
        }
        int? rollouts = null;
        double? lookahead = null;
        if (root["rollouts"] is { } rn)
            rollouts = rn is JsonValue rv && rv.TryGetValue<int>(out int r) && r is >= 1 and <= 100_000 ? r
                : throw new UserInputException($"{source}: field 'rollouts' must be a whole number in [1, 100000].");
        if (root["lookahead"] is { } ln)
            lookahead = ln is JsonValue lv && lv.TryGetValue<double>(out double l) && l > 0 && double.IsFinite(l) ? l
                : throw new UserInputException($"{source}: field 'lookahead' must be a finite number > 0.");
        var continuation = AdContinuation.None;
        if (root["baseRule"] is { } bn)
            continuation = bn is JsonValue bv && bv.TryGetValue<string>(out var b) && TryParseBaseRule(b, out var rule) ? rule
                : throw new UserInputException($"{source}: field 'baseRule' must be 'none' or 'greedy'.");
        double margin = 0;
        if (root["margin"] is { } mn)
            margin = mn is JsonValue mv && mv.TryGetValue<double>(out double m) && m >= 0 && double.IsFinite(m) ? m
                : throw new UserInputException($"{source}: field 'margin' must be a finite number >= 0.");
        bool weighted = false;
        if (root["historyWeighted"] is { } wn)
            weighted = wn is JsonValue wv && wv.TryGetValue<bool>(out bool wb) && (!wb || kind == AdPlanningPolicy.PosteriorKind) ? wb
                : throw new UserInputException($"{source}: field 'historyWeighted' must be true or false, and true only for kind {AdPlanningPolicy.PosteriorKind}.");
        return Create(kind, model, costs, xi, null, rollouts, lookahead, continuation, margin, weighted);
    }

    /// <summary>"none" or "greedy" (<see cref="AdContinuation"/>).</summary>
    public static string BaseRuleName(AdContinuation c) => c == AdContinuation.Greedy ? "greedy" : "none";

    public static bool TryParseBaseRule(string text, out AdContinuation continuation)
    {
        continuation = text switch { "none" => AdContinuation.None, "greedy" => AdContinuation.Greedy, _ => (AdContinuation)(-1) };
        return (int)continuation >= 0;
    }

    public static AdPolicy Read(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: no such policy file; write one with `kairos train ad-delivery`.");
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (System.Text.Json.JsonException e) { throw JsonInputError.From(path, e); }
        if (root is not JsonObject o || o["format"]?.ToString() != Format)
            throw new UserInputException($"{path}: field 'format' must be '{Format}'.");
        return Parse(o, path);
    }
}
