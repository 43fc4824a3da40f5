using System.Text.Json;

namespace Kairos.Policies;

/// <summary>
/// JSON file of a <see cref="PerItemHazardPolicy"/>: <c>{"format": "kairos.tpprl-per-item-policy", "version": 1 or 2,
/// "name", "environment", "marks", "itemFeatures", "itemFeatureSize", "sharedSize", ["itemClock",] "parameters": [θ in
/// <see cref="PerItemHazardLayout"/> order]}</c>. Doubles are written shortest-round-trip (save → load → save is
/// bit-identical). Errors name the file and the field.
/// </summary>
public static class PerItemHazardPolicyFile
{
    public const string Format = "kairos.tpprl-per-item-policy";
    /// <summary>Version 2 adds "itemClock" ("linear" or "retrievability"); version 1 files are on the linear clock and
    /// are still written so.</summary>
    public const int Version = 2;
    public const string LinearClock = "linear", RetrievabilityClock = "retrievability";

    public static void Save(PerItemHazardPolicy policy, string path, string? environment = null) =>
        File.WriteAllBytes(path, ToJson(policy, environment));

    public static byte[] ToJson(PerItemHazardPolicy policy, string? environment = null)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            var l = policy.Layout;
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", l.Clock == PerItemClock.Linear ? 1 : Version);
            w.WriteString("name", policy.Name);
            if (environment is null) w.WriteNull("environment"); else w.WriteString("environment", environment);
            w.WriteNumber("marks", l.Marks);
            w.WriteString("itemFeatures", policy.Features.Name);
            w.WriteNumber("itemFeatureSize", l.Features);
            w.WriteNumber("sharedSize", l.Shared);
            if (l.Clock != PerItemClock.Linear) w.WriteString("itemClock", RetrievabilityClock);
            w.WriteStartArray("parameters");
            foreach (var x in policy.Parameters) w.WriteNumberValue(x);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    /// <summary>Whether <paramref name="path"/> holds this format (its "format" field), without validating the rest.</summary>
    public static bool Is(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("format", out var f)
                && f.ValueKind == JsonValueKind.String && f.GetString() == Format;
        }
        catch (JsonException) { return false; }
    }

    /// <summary>Loads a policy; <paramref name="items"/> must be the features it was trained with (by name), usually the
    /// scenario's <see cref="Kairos.Scenarios.IScenario.ItemFeatures"/>.</summary>
    public static PerItemHazardPolicy Load(string path, IItemFeatures? items)
    {
        InputPaths.RequireFile(null, path, "policy file");
        return FromJson(File.ReadAllBytes(path), items, path);
    }

    public static PerItemHazardPolicy FromJson(ReadOnlySpan<byte> json, IItemFeatures? items, string source = "<policy>")
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json.ToArray()); }
        catch (JsonException e) { throw JsonInputError.From(source, e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new UserInputException($"{source}: a policy file is a JSON object.");
            string format = PolicyFileJson.Str(root, "format", source) ?? "";
            if (format != Format)
                throw new UserInputException($"{source}: field 'format' is '{format}', expected '{Format}'.");
            int version = PolicyFileJson.Int(root, "version", source);
            if (version is not (1 or Version))
                throw new UserInputException($"{source}: field 'version' is {version}; this kairos reads versions 1 and {Version}.");
            string clockName = version == 1 ? LinearClock : PolicyFileJson.Str(root, "itemClock", source) ?? "";
            PerItemClock clock = clockName switch
            {
                LinearClock => PerItemClock.Linear,
                RetrievabilityClock => PerItemClock.Retrievability,
                _ => throw new UserInputException($"{source}: field 'itemClock' is '{clockName}'; allowed: {LinearClock}, {RetrievabilityClock}."),
            };
            string? itemName = PolicyFileJson.Str(root, "itemFeatures", source);
            if (items is null || itemName != items.Name)
                throw new UserInputException($"{source}: field 'itemFeatures': the policy was trained with per-item features " +
                    $"'{itemName ?? "none"}' but the environment provides '{items?.Name ?? "none"}'; evaluate it on the scenario it was trained on.");
            int marks = PolicyFileJson.Int(root, "marks", source), g = PolicyFileJson.Int(root, "itemFeatureSize", source), q = PolicyFileJson.Int(root, "sharedSize", source);
            if (marks < 1) throw new UserInputException($"{source}: field 'marks' must be >= 1, got {marks}.");
            var layout = PerItemHazardPolicy.LayoutFor(items, marks, clock);
            if (g != layout.Features) throw new UserInputException($"{source}: field 'itemFeatureSize' is {g}, the item features '{items.Name}' have {layout.Features}.");
            if (q != layout.Shared) throw new UserInputException($"{source}: field 'sharedSize' is {q}, the item features '{items.Name}' give {layout.Shared}.");
            var theta = PolicyFileJson.Parameters(root, layout.Length, layout.Describe(), NeuralTppPolicyFile.MaxParameter,
                "; this is not a trained policy.", source);
            return new PerItemHazardPolicy(items, marks, theta, PolicyFileJson.Str(root, "name", source) ?? PerItemHazardPolicy.KindName, clock);
        }
    }
}
