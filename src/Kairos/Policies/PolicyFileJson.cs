using System.Text.Json;

namespace Kairos.Policies;

/// <summary>Fields of a learned policy file read with errors that name the file and the field.</summary>
internal static class PolicyFileJson
{
    public static string? Str(JsonElement root, string name, string source) =>
        !root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null ? null
        : e.ValueKind == JsonValueKind.String ? e.GetString()
        : throw new UserInputException($"{source}: field '{name}' must be a string.");

    public static int Int(JsonElement root, string name, string source) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? v
        : throw new UserInputException($"{source}: field '{name}' is missing or not an integer.");

    /// <summary>The "parameters" array: exactly <paramref name="length"/> finite numbers within ±max
    /// (<paramref name="outOfRange"/> says why a larger one cannot be a trained policy).</summary>
    public static double[] Parameters(JsonElement root, int length, string layout, double max, string outOfRange, string source)
    {
        if (!root.TryGetProperty("parameters", out var ps) || ps.ValueKind != JsonValueKind.Array)
            throw new UserInputException($"{source}: field 'parameters' is missing or not an array.");
        if (ps.GetArrayLength() != length)
            throw new UserInputException($"{source}: field 'parameters' has {CountText.Of(ps.GetArrayLength(), "value")}, but its layout ({layout}) needs {length}; the file is damaged or was not written by `kairos train`.");
        var theta = new double[length];
        int i = 0;
        foreach (var p in ps.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.Number || !p.TryGetDouble(out theta[i]) || !double.IsFinite(theta[i]))
                throw new UserInputException($"{source}: field 'parameters[{i}]' is not a finite number.");
            if (Math.Abs(theta[i]) > max)
                throw new UserInputException($"{source}: field 'parameters[{i}]' is {p.GetRawText()}, outside [-{max}, {max}]{outOfRange}");
            i++;
        }
        return theta;
    }
}
