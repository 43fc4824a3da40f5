using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Learning.Fsrs;

/// <summary>
/// The FSRS-6 model file written by `kairos fit-fsrs` and read by `--fsrs-params`: a JSON object
/// <c>{"format": "kairos.fsrs-parameters", "version": 1, "parameters": [w0, …, w20], …}</c>; other members (the fit's
/// provenance and metrics) are ignored on reading. Every problem is a <see cref="UserInputException"/> naming the
/// file and the member (or line, for malformed JSON).
/// </summary>
public static class FsrsParameterFile
{
    public const string Format = "kairos.fsrs-parameters";
    public const int Version = 1;

    public static void Write(string path, FsrsParameters parameters, object? provenance = null)
    {
        var root = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["model"] = "FSRS-6",
            ["parameters"] = new JsonArray(parameters.Weights.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
        };
        if (provenance is not null) root["fit"] = JsonSerializer.SerializeToNode(provenance);
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static FsrsParameters Read(string path)
    {
        if (Directory.Exists(path)) throw new UserInputException($"{path}: is a folder; give an FSRS parameter file written by `kairos fit-fsrs --out`");
        if (!File.Exists(path)) throw new UserInputException($"{path}: no such FSRS parameter file (write one with `kairos fit-fsrs --out FILE`)");
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw JsonInputError.From(path, e); }
        return Parse(root, path);
    }

    public static FsrsParameters Parse(JsonNode? root, string source)
    {
        UserInputException Bad(string member, string why) => new($"{source}: {member}: {why}");
        if (root is not JsonObject obj) throw Bad("(root)", "expected a JSON object with format, version and parameters");
        string? format = (obj["format"] as JsonValue)?.TryGetValue<string>(out var f) == true ? f : null;
        if (format != Format) throw Bad("format", $"expected \"{Format}\", got {obj["format"]?.ToJsonString() ?? "nothing"}");
        if (obj["version"] is not JsonValue v || !v.TryGetValue<int>(out int version))
            throw Bad("version", $"expected the integer {Version}, got {obj["version"]?.ToJsonString() ?? "nothing"}");
        if (version != Version) throw Bad("version", $"version {version} is not supported (this Kairos reads version {Version})");
        if (obj["parameters"] is not JsonArray array)
            throw Bad("parameters", $"expected an array of {CountText.Of(FsrsParameters.Count, "number")}, got {obj["parameters"]?.ToJsonString() ?? "nothing"}");
        if (array.Count != FsrsParameters.Count) throw Bad("parameters", $"FSRS-6 has {CountText.Of(FsrsParameters.Count, "parameter")}, got {array.Count}");
        var w = new double[array.Count];
        for (int j = 0; j < w.Length; j++)
        {
            if (array[j] is not JsonValue e || !e.TryGetValue<double>(out w[j]) || !double.IsFinite(w[j]))
                throw Bad($"parameters[{j}] (w{j})", $"expected a number, got {array[j]?.ToJsonString() ?? "null"}");
            var (lo, hi) = FsrsParameters.Bounds[j];
            if (j == 19) lo = 0;
            if (w[j] < lo || w[j] > hi)
                throw Bad($"parameters[{j}] (w{j})", string.Create(CultureInfo.InvariantCulture, $"{w[j]:R} lies outside [{lo:R}, {hi:R}]"));
        }
        return new FsrsParameters(w);
    }
}
