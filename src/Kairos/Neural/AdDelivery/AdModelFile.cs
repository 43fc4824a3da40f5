using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kairos.Neural.AdDelivery;

/// <summary>
/// The model file `kairos fit-model` writes: JSON with "format": "kairos.ad-model", "version": 2, the layout
/// (hidden, feedbackMarks, ads, exposureDecays: the time constants of the cell's ad-exposure inputs, [] for none), timeScale, timeUnit, horizon, conversionMark, valuedMarks, "map": θ and "members": [θ…],
/// and optionally "adCosts" (mean logged cost of each ad).
/// Reading checks every field and names the file and field of the first problem. Version 1 files (written before the
/// exposure inputs) are read as models without them (their θ has the shorter cell).
/// </summary>
public static class AdModelFile
{
    public const string Format = "kairos.ad-model";
    public const int Version = 2;

    public static void Write(string path, AdModel model) => File.WriteAllText(path, ToJson(model));

    public static string ToJson(AdModel model)
    {
        var l = model.Layout;
        var root = new JsonObject
        {
            ["format"] = Format, ["version"] = Version, ["hidden"] = l.Hidden, ["feedbackMarks"] = l.FeedbackMarks, ["ads"] = l.Ads,
            ["exposureDecays"] = Numbers([.. l.ExposureDecays]),
            ["timeScale"] = model.Map.TimeScale, ["timeUnit"] = model.TimeUnit, ["horizon"] = model.Horizon, ["conversionMark"] = model.ConversionMark,
            ["valuedMarks"] = new JsonArray(model.ValuedMarks.Select(v => (JsonNode)v).ToArray()),
            ["map"] = Numbers(model.Map.Theta),
            ["members"] = new JsonArray(model.Members.Select(m => (JsonNode)Numbers(m.Theta)).ToArray()),
        };
        if (model.AdCosts is { } costs) root["adCosts"] = Numbers(costs.ToArray());
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    public static AdModel Read(string path)
    {
        InputPaths.RequireFile(null, path, "model file", "write one with `kairos fit-model`");
        return Parse(File.ReadAllText(path), path);
    }

    public static AdModel Parse(string json, string source)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { throw JsonInputError.From(source, e); }
        if (root is not JsonObject o) throw new UserInputException($"{source}: not a JSON object.");
        string format = Text(o, "format", source);
        if (format != Format) throw new UserInputException($"{source}: field 'format' is '{format}', expected '{Format}'.");
        int version = Integer(o, "version", source);
        if (version is not (1 or Version))
            throw new UserInputException($"{source}: field 'version' is {version}; this build reads versions 1 and {Version}.");
        double[] decays = version == 1 ? [] : Decays(o["exposureDecays"], source);
        var layout = new AdModelLayout(Positive(o, "hidden", source), Positive(o, "feedbackMarks", source), Positive(o, "ads", source), decays);
        double scale = Real(o, "timeScale", source);
        if (!(scale > 0) || !double.IsFinite(scale)) throw new UserInputException($"{source}: field 'timeScale' must be finite and > 0.");
        double horizon = Real(o, "horizon", source);
        if (!(horizon > 0) || !double.IsFinite(horizon)) throw new UserInputException($"{source}: field 'horizon' must be finite and > 0.");
        int conversion = Integer(o, "conversionMark", source);
        if ((uint)conversion >= (uint)layout.FeedbackMarks)
            throw new UserInputException($"{source}: field 'conversionMark' must lie in [0, {layout.FeedbackMarks}).");
        var valued = (o["valuedMarks"] as JsonArray ?? throw Missing("valuedMarks", source)).Select(n => n?.GetValue<bool>() ?? false).ToArray();
        if (valued.Length != layout.FeedbackMarks)
            throw new UserInputException($"{source}: field 'valuedMarks' has {CountText.Of(valued.Length, "entry", "entries")}, expected {layout.FeedbackMarks}.");
        var map = new AdNetwork(layout, scale, Theta(o["map"], layout, "map", source));
        var members = (o["members"] as JsonArray ?? throw Missing("members", source))
            .Select((n, i) => new AdNetwork(layout, scale, Theta(n, layout, $"members[{i}]", source))).ToList();
        double[]? costs = o["adCosts"] is null ? null : Costs(o["adCosts"], layout.Ads, source);
        return new AdModel(map, members, valued, conversion, o["timeUnit"]?.GetValue<string>() ?? "units", horizon, costs);
    }

    /// <summary>A field of one finite number >= 0 per ad.</summary>
    public static double[] Costs(JsonNode? node, int ads, string source, string field = "adCosts")
    {
        if (node is not JsonArray a || a.Count != ads)
            throw new UserInputException($"{source}: field '{field}' must be an array of {CountText.Of(ads, "cost")}, one per ad.");
        return a.Select((n, i) => n is JsonValue v && v.TryGetValue<double>(out double d) && d >= 0 && double.IsFinite(d) ? d
            : throw new UserInputException($"{source}: field '{field}[{i}]' must be a finite number >= 0.")).ToArray();
    }

    private static double[] Decays(JsonNode? node, string source)
    {
        if (node is not JsonArray a || a.Count > 16) throw new UserInputException($"{source}: field 'exposureDecays' must be an array of at most 16 time constants.");
        return a.Select((n, i) => n is JsonValue v && v.TryGetValue<double>(out double d) && d > 0 && double.IsFinite(d) ? d
            : throw new UserInputException($"{source}: field 'exposureDecays[{i}]' must be a finite number > 0.")).ToArray();
    }

    private static JsonArray Numbers(double[] theta) => new(theta.Select(x => (JsonNode)x).ToArray());

    private static double[] Theta(JsonNode? node, AdModelLayout layout, string field, string source)
    {
        if (node is not JsonArray a) throw Missing(field, source);
        if (a.Count != layout.Length)
            throw new UserInputException($"{source}: field '{field}' has {CountText.Of(a.Count, "number")}; {layout} needs {layout.Length}.");
        var theta = new double[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            double? x = a[i] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
            if (x is not { } y || !double.IsFinite(y)) throw new UserInputException($"{source}: field '{field}[{i}]' is not a finite number.");
            theta[i] = y;
        }
        return theta;
    }

    private static UserInputException Missing(string field, string source) => new($"{source}: field '{field}' is missing or has the wrong type.");

    private static string Text(JsonObject o, string field, string source) =>
        o[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Missing(field, source);

    private static double Real(JsonObject o, string field, string source) =>
        o[field] is JsonValue v && v.TryGetValue<double>(out var d) ? d : throw Missing(field, source);

    private static int Integer(JsonObject o, string field, string source) =>
        o[field] is JsonValue v && v.TryGetValue<int>(out var d) ? d : throw Missing(field, source);

    private static int Positive(JsonObject o, string field, string source)
    {
        int x = Integer(o, field, source);
        return x >= 1 && x <= 4096 ? x : throw new UserInputException($"{source}: field '{field}' must lie in [1, 4096], got {x}.");
    }
}
