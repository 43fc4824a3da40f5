using System.Text;
using System.Text.Json;
using Kairos.Neural;

namespace Kairos.Policies;

/// <summary>
/// JSON file of a <see cref="NeuralTppPolicy"/>: <c>{"format": "kairos.tpprl-policy", "version": 1, "name",
/// "environment", "hidden", "actionMarks", "feedbackSources", "featureSize", "features", "fixedZeroDecay",
/// "parameters": [θ in <see cref="TpprlLayout"/> order]}</c>, plus "itemFeatures" and "itemFeatureSize" for a policy
/// that weighs per-mark features (absent: none). Doubles are written shortest-round-trip, so
/// save → load → save is bit-identical. A wrong format or a newer version fails with a message naming the file.
/// </summary>
public static class NeuralTppPolicyFile
{
    public const string Format = "kairos.tpprl-policy";
    public const int Version = 1;

    /// <summary>Largest parameter magnitude a file may hold; exp(1000) already overflows a double.</summary>
    public const double MaxParameter = 1000;

    public static void Save(NeuralTppPolicy policy, string path, string? environment = null) =>
        File.WriteAllBytes(path, ToJson(policy, environment));

    public static byte[] ToJson(NeuralTppPolicy policy, string? environment = null)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            var l = policy.Layout;
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", Version);
            w.WriteString("name", policy.Name);
            if (environment is null) w.WriteNull("environment"); else w.WriteString("environment", environment);
            w.WriteNumber("hidden", l.Hidden);
            w.WriteNumber("actionMarks", l.ActionMarks);
            w.WriteNumber("feedbackSources", l.FeedbackSources);
            w.WriteNumber("featureSize", l.FeatureSize);
            if (policy.Features is null) w.WriteNull("features"); else w.WriteString("features", policy.Features.Name);
            w.WriteBoolean("fixedZeroDecay", policy.FixedZeroDecay);
            if (policy.ItemFeatures is not null)
            {
                w.WriteString("itemFeatures", policy.ItemFeatures.Name);
                w.WriteNumber("itemFeatureSize", l.ItemFeatureSize);
            }
            w.WriteStartArray("parameters");
            foreach (var x in policy.Parameters) w.WriteNumberValue(x);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    /// <summary>Loads a policy; <paramref name="features"/> and <paramref name="items"/> must be the features it was
    /// trained with (by name), usually the scenario's <see cref="Kairos.Scenarios.IScenario.EventFeatures"/> and
    /// <see cref="Kairos.Scenarios.IScenario.ItemFeatures"/>.</summary>
    public static NeuralTppPolicy Load(string path, IEventFeatures? features, IItemFeatures? items = null)
    {
        InputPaths.RequireFile(null, path, "policy file");
        return FromJson(File.ReadAllBytes(path), features, path, items);
    }

    /// <summary>The scenario a policy file was trained on (its "environment" field), or null when absent.</summary>
    public static string? ReadEnvironment(string path)
    {
        InputPaths.RequireFile(null, path, "policy file");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object ? PolicyFileJson.Str(doc.RootElement, "environment", path) : null;
        }
        catch (JsonException e) { throw JsonInputError.From(path, e); }
    }

    public static NeuralTppPolicy FromJson(ReadOnlySpan<byte> json, IEventFeatures? features, string source = "<policy>",
        IItemFeatures? items = null)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json.ToArray()); }
        catch (JsonException e) { throw JsonInputError.From(source, e); }
        using (doc)
        {
            var root = doc.RootElement;
            string format = PolicyFileJson.Str(root, "format", source) ?? "";
            if (format != Format)
                throw new UserInputException($"{source}: field 'format' is '{format}', expected '{Format}'; this is not a TPPRL policy file.");
            int version = PolicyFileJson.Int(root, "version", source);
            if (version > Version)
                throw new UserInputException($"{source}: version {version} is newer than this kairos supports ({Version}); upgrade kairos.");
            if (version < 1)
                throw new UserInputException($"{source}: version {version} is invalid; expected {Version}.");
            string? itemName = PolicyFileJson.Str(root, "itemFeatures", source);
            int itemSize = itemName is null ? 0 : PolicyFileJson.Int(root, "itemFeatureSize", source);
            if (itemName != items?.Name)
                throw new UserInputException($"{source}: the policy was trained with per-item features " +
                    $"'{itemName ?? "none"}' but the environment provides '{items?.Name ?? "none"}'.");
            if (items is not null && itemSize != items.Count)
                throw new UserInputException($"{source}: field 'itemFeatureSize' is {itemSize}, the item features '{items.Name}' have {items.Count}.");
            TpprlLayout layout;
            try
            {
                layout = new TpprlLayout(PolicyFileJson.Int(root, "hidden", source), PolicyFileJson.Int(root, "actionMarks", source),
                    PolicyFileJson.Int(root, "feedbackSources", source), PolicyFileJson.Int(root, "featureSize", source), itemSize);
            }
            catch (ArgumentException e) { throw new UserInputException($"{source}: {e.Message}"); }
            string? featureName = PolicyFileJson.Str(root, "features", source);
            if (featureName != features?.Name)
                throw new UserInputException($"{source}: the policy was trained with event features " +
                    $"'{featureName ?? "none"}' but the environment provides '{features?.Name ?? "none"}'.");
            var theta = PolicyFileJson.Parameters(root, layout.Length, layout.Describe(), MaxParameter,
                ": the intensity exp(b + v·h + w·Δt) overflows long before (trained policies stay within ±10); this is not a trained policy", source);
            bool fixedDecay = root.TryGetProperty("fixedZeroDecay", out var fd) && fd.ValueKind == JsonValueKind.True;
            return new NeuralTppPolicy(layout, theta, features, fixedDecay, PolicyFileJson.Str(root, "name", source) ?? "tpprl", validate: true, items);
        }
    }

    internal static string Utf8(byte[] json) => Encoding.UTF8.GetString(json);
}
