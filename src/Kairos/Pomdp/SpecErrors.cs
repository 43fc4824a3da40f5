using System.Globalization;
using System.Text.Json;
using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>Collects every problem found in a spec, each as "field: what is wrong, got value", and throws them
/// together as one <see cref="UserInputException"/>.</summary>
internal sealed class SpecErrors(string source)
{
    private readonly List<string> _errors = new();
    public bool Any => _errors.Count > 0;

    public void Fail(string field, string message) => _errors.Add($"{field}: {message}");

    public void ThrowIfAny()
    {
        if (Any) throw new UserInputException($"invalid POMDP spec {source}: {string.Join("; ", _errors)}. Please fix the field(s) named.");
    }

    public double Number(JsonElement obj, string property, string field, Func<double, bool> ok, string rule)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(property, out var e)) { Fail(field, $"is missing ({rule})"); return double.NaN; }
        return Value(e, field, ok, rule);
    }

    public double Value(JsonElement e, string field, Func<double, bool> ok, string rule)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double v) || !double.IsFinite(v))
        {
            Fail(field, $"must be a number, got {Raw(e)}");
            return double.NaN;
        }
        if (!ok(v)) Fail(field, $"{rule}, got {Require.Fmt(v)}");
        return v;
    }

    public IReadOnlyList<JsonElement> Array(JsonElement e, string field, int minCount)
    {
        if (e.ValueKind != JsonValueKind.Array) { Fail(field, $"must be a JSON array, got {Raw(e)}"); return []; }
        var items = e.EnumerateArray().ToList();
        if (items.Count < minCount) Fail(field, $"must have at least {minCount} entr{(minCount == 1 ? "y" : "ies")}");
        return items;
    }

    public string Name(JsonElement obj, string at, IReadOnlyCollection<string> taken)
    {
        if (obj.ValueKind != JsonValueKind.Object) { Fail(at, $"must be a JSON object, got {Raw(obj)}"); return at; }
        if (!obj.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(n.GetString()))
        {
            Fail(at + ".name", "must be a non-empty string");
            return at;
        }
        string name = n.GetString()!;
        if (taken.Contains(name)) Fail(at + ".name", $"'{name}' is used twice; names must be unique");
        return name;
    }

    private static string Raw(JsonElement e)
    {
        string s = e.ValueKind == JsonValueKind.Undefined ? "nothing" : e.GetRawText();
        return s.Length > 40 ? s[..40] + "…" : s;
    }

    public static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
