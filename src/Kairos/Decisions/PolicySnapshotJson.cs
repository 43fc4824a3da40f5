using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kairos.Decisions;

/// <summary>JSON form of a <see cref="PolicySnapshot"/>: <c>{"format":"kairos.policy-state","policy","version",
/// "parameters","random":{"key":"hex","index"},"reals":[…],"integers":[…]}</c>. Reals are written with round-trip
/// precision, non-finite ones as the strings "Infinity", "-Infinity", "NaN"; the key is hex text because JSON
/// numbers lose 64-bit integers in many readers.</summary>
public static class PolicySnapshotJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(PolicySnapshot s) => new JsonObject
    {
        ["format"] = PolicySnapshot.Format,
        ["policy"] = s.Policy,
        ["version"] = s.Version,
        ["parameters"] = s.ParameterHash,
        ["random"] = new JsonObject { ["key"] = s.RandomKey.ToString("x16", CultureInfo.InvariantCulture), ["index"] = s.RandomIndex },
        ["reals"] = JsonSerializer.SerializeToNode(s.Reals.ToArray(), Options),
        ["integers"] = JsonSerializer.SerializeToNode(s.Integers.ToArray()),
    }.ToJsonString();

    /// <summary>Parses a snapshot; malformed text is a <see cref="FormatException"/> naming the field.</summary>
    public static PolicySnapshot Read(string json)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { throw new FormatException($"policy snapshot is not valid JSON: {e.Message}", e); }
        if (root is not JsonObject o) throw new FormatException("policy snapshot must be a JSON object.");
        string format = Field<string>(o, "format");
        if (format != PolicySnapshot.Format)
            throw new FormatException($"'format' is '{format}', expected '{PolicySnapshot.Format}'.");
        var random = o["random"] as JsonObject ?? throw new FormatException("policy snapshot lacks the 'random' object.");
        if (!ulong.TryParse(Field<string>(random, "key"), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong key))
            throw new FormatException("'random.key' must be 16 hex digits.");
        try
        {
            var reals = o["reals"].Deserialize<double[]>(Options) ?? throw new FormatException("'reals' is missing.");
            var integers = o["integers"].Deserialize<long[]>() ?? throw new FormatException("'integers' is missing.");
            return new PolicySnapshot(Field<string>(o, "policy"), Field<int>(o, "version"), Field<string>(o, "parameters"),
                key, Field<long>(random, "index"), reals, integers);
        }
        catch (JsonException e) { throw new FormatException($"policy snapshot has a malformed array: {e.Message}", e); }
    }

    private static T Field<T>(JsonObject o, string name)
    {
        var node = o[name] ?? throw new FormatException($"policy snapshot lacks '{name}'.");
        try { return node.GetValue<T>(); }
        catch (InvalidOperationException e) { throw new FormatException($"policy snapshot field '{name}' has the wrong type.", e); }
    }
}
