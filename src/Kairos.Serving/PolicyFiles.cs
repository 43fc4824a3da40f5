using System.Text.Json;
using Kairos.Decisions;
using Kairos.Policies;
using Kairos.Policies.AdDelivery;

namespace Kairos.Serving;

/// <summary>
/// Loads a policy to serve from a file: a TPPRL policy (<c>"format": "kairos.tpprl-policy"</c>, trained without
/// horizon features) or a baseline (<c>{"format": "kairos.baseline-policy", "kind": "uniform", "rate": 0.5,
/// "marks": 3}</c> or <c>{"format": "kairos.baseline-policy", "kind": "random-choice", "actProbability": 0.3,
/// "marks": 3}</c>). Errors name the file and field.
/// </summary>
public static class PolicyFiles
{
    public const string BaselineFormat = "kairos.baseline-policy";

    /// <summary>The zero-setup default: uniform actions at rate 1 per time unit, one mark.</summary>
    public static ServedPolicy Default(string name, ulong seed) =>
        new(name, new UniformPolicy(1.0), new PolicyContext(1, 0), seed);

    public static ServedPolicy Load(string path, string name, ulong seed)
    {
        InputPaths.RequireFile("--policy", path, "policy file");
        return Parse(File.ReadAllBytes(path), name, seed, path);
    }

    public static ServedPolicy Parse(byte[] json, string name, ulong seed, string source)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json);
            root = doc.RootElement.Clone();
        }
        catch (JsonException e) { throw JsonInputError.From(source, e); }
        if (root.ValueKind != JsonValueKind.Object) throw new UserInputException($"{source}: a policy file is a JSON object.");
        string format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "";
        return format switch
        {
            NeuralTppPolicyFile.Format => Tpprl(json, root, name, seed, source),
            BaselineFormat => Baseline(root, name, seed, source),
            AdPolicyFile.Format => AdDelivery(json, name, seed, source),
            PerItemHazardPolicyFile.Format => throw new UserInputException(
                $"{source}: a '{PerItemHazardPolicyFile.Format}' policy weighs per-item features of a course with a test date " +
                "(they need a horizon and the course's items); a live user's window is open-ended, so it is evaluated with " +
                "`kairos evaluate` on the scenario it was trained on, not served."),
            _ => throw new UserInputException(
                $"{source}: field 'format' is '{format}'; a served policy is '{NeuralTppPolicyFile.Format}', '{AdPolicyFile.Format}' or '{BaselineFormat}'."),
        };
    }

    private static ServedPolicy Tpprl(byte[] json, JsonElement root, string name, ulong seed, string source)
    {
        if (root.TryGetProperty("features", out var features) && features.ValueKind != JsonValueKind.Null)
            throw new UserInputException($"{source}: the policy uses event features '{features}', which need a horizon; " +
                "a live user's window is open-ended, so serve a policy trained without features.");
        var policy = NeuralTppPolicyFile.FromJson(json, null, source);
        var l = policy.Layout;
        return new ServedPolicy(name, policy, new PolicyContext(l.ActionMarks, l.FeatureSize), seed, l.FeedbackSources);
    }

    /// <summary>An ad-delivery choice policy (`kairos train ad-delivery`): marks are the ads, feedback marks the model's.</summary>
    private static ServedPolicy AdDelivery(byte[] json, string name, ulong seed, string source)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json) as System.Text.Json.Nodes.JsonObject
            ?? throw new UserInputException($"{source}: a policy file is a JSON object.");
        var policy = AdPolicyFile.Parse(node, source);
        return new ServedPolicy(name, policy, new PolicyContext(policy.Model.Layout.Ads, 0), seed, policy.Model.Layout.FeedbackMarks);
    }

    private static ServedPolicy Baseline(JsonElement root, string name, ulong seed, string source)
    {
        string kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "";
        int marks = root.TryGetProperty("marks", out var m) ? m.ValueKind == JsonValueKind.Number && m.TryGetInt32(out int v) && v >= 1 ? v
            : throw new UserInputException($"{source}: field 'marks' must be an integer ≥ 1.") : 1;
        IDeliveryPolicy policy = kind switch
        {
            UniformPolicy.KindName => new UniformPolicy(Number(root, "rate", source, x => x > 0, "> 0")),
            RandomChoicePolicy.KindName => new RandomChoicePolicy(Number(root, "actProbability", source, x => x is >= 0 and <= 1, "in [0, 1]")),
            _ => throw new UserInputException(
                $"{source}: field 'kind' is '{kind}'; baselines served are '{UniformPolicy.KindName}' and '{RandomChoicePolicy.KindName}'."),
        };
        return new ServedPolicy(name, policy, new PolicyContext(marks, 0), seed);
    }

    private static double Number(JsonElement root, string field, string source, Func<double, bool> ok, string rule) =>
        root.TryGetProperty(field, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double x) && double.IsFinite(x) && ok(x)
            ? x : throw new UserInputException($"{source}: field '{field}' must be a number {rule}.");
}
