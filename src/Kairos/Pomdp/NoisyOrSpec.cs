using System.Globalization;
using System.Text.Json;

namespace Kairos.Pomdp;

/// <summary>The "noisyOr" block of a spec: attributes (name, baseProbability d_j, marginal π_j) and an optional
/// CSV of existing customers' profile counts (header: attribute names then "count"; rows of 0/1 and a count).
/// An attribute's optional "basis" (0..K−1) groups attributes into K &lt; n basis functions; then ζ has K entries.</summary>
internal static class NoisyOrSpec
{
    public static IProfileDistribution? Read(JsonElement block, SpecErrors r, List<string> warnings, string baseDirectory, out int k)
    {
        k = -1;
        if (block.ValueKind != JsonValueKind.Object) { r.Fail("noisyOr", "must be a JSON object"); return null; }
        if (!block.TryGetProperty("attributes", out var attrs)) { r.Fail("noisyOr.attributes", "is missing"); return null; }
        string? csv = null;
        if (block.TryGetProperty("profileCounts", out var pc))
        {
            if (pc.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(pc.GetString())) csv = pc.GetString();
            else r.Fail("noisyOr.profileCounts", "must be a CSV file name (relative to the spec)");
        }
        var items = r.Array(attrs, "noisyOr.attributes", minCount: 1);
        var names = new List<string>();
        var d = new List<double>();
        var marginal = new List<double>();
        var group = new List<int>();
        for (int j = 0; j < items.Count; j++)
        {
            if (items[j].ValueKind == JsonValueKind.Object && items[j].TryGetProperty("basis", out var b))
            {
                if (b.ValueKind == JsonValueKind.Number && b.TryGetInt32(out int g) && g >= 0 && g < items.Count) group.Add(g);
                else r.Fail($"noisyOr.attributes[{j}].basis", $"must be an integer in [0, {items.Count - 1}] (the basis group), got {b.GetRawText()}");
            }
            string at = $"noisyOr.attributes[{j}]";
            names.Add(r.Name(items[j], at, names));
            d.Add(r.Number(items[j], "baseProbability", at + ".baseProbability", v => v > 0 && v < 1, "must lie in (0, 1)"));
            if (csv is null) marginal.Add(r.Number(items[j], "marginal", at + ".marginal", v => v > 0 && v < 1, "must lie in (0, 1) (or give noisyOr.profileCounts)"));
        }
        if (group.Count != 0 && group.Count != items.Count) r.Fail("noisyOr.attributes", "give \"basis\" for every attribute or for none");
        else if (group.Count > 0 && Enumerable.Range(0, group.Max() + 1).FirstOrDefault(l => !group.Contains(l), -1) is var empty and >= 0)
            r.Fail("noisyOr.attributes", $"basis group {empty} has no attribute; groups must be numbered 0..K-1");
        k = group.Count > 0 ? group.Max() + 1 : items.Count;
        if (r.Any) return null;
        var groups = group.Count > 0 ? group : null;
        if (csv is null) return new IndependentBinaryProfiles(d, marginal, groups);
        string file = Path.IsPathRooted(csv) ? csv : Path.Combine(baseDirectory, csv);
        var counts = ReadCounts(file, names);
        var profiles = NoisyOr.Profiles(d, counts, groups);
        if (profiles.Count < counts.Count) warnings.Add($"{file}: {CountText.Of(counts.Count - profiles.Count, "profile")} with count 0 left out (the prior must be > 0).");
        if (!profiles.BasisIsLinearlyIndependent())
            warnings.Add($"{file}: the observed profiles do not separate every attribute (Assumption 1(b) fails); the solvers still work.");
        return profiles;
    }

    private static List<(bool[] Profile, double Count)> ReadCounts(string file, IReadOnlyList<string> attributes)
    {
        InputPaths.RequireFile("noisyOr.profileCounts", file, "profile-count CSV");
        var lines = File.ReadAllLines(file);
        if (lines.Length == 0) throw new UserInputException($"{file}:1: empty; expected a header: {string.Join(",", attributes)},count");
        var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        var column = attributes.Select(a => System.Array.IndexOf(header, a)).ToArray();
        int countColumn = System.Array.IndexOf(header, "count");
        var missing = attributes.Where((a, j) => column[j] < 0).Append(countColumn < 0 ? "count" : null).OfType<string>().ToList();
        if (missing.Count > 0) throw new UserInputException($"{file}:1: header lacks column(s) {string.Join(", ", missing)}.");
        var rows = new List<(bool[], double)>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != header.Length) throw new UserInputException($"{file}:{i + 1}: {CountText.Of(cells.Length, "cell")}, header has {header.Length}.");
            var x = new bool[attributes.Count];
            for (int j = 0; j < x.Length; j++)
                x[j] = cells[column[j]] switch
                {
                    "1" => true,
                    "0" => false,
                    var c => throw new UserInputException($"{file}:{i + 1}: column {attributes[j]} must be 0 or 1, got '{c}'."),
                };
            if (!double.TryParse(cells[countColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || !(n >= 0) || !double.IsFinite(n))
                throw new UserInputException($"{file}:{i + 1}: count must be a number >= 0, got '{cells[countColumn]}'.");
            rows.Add((x, n));
        }
        if (rows.Count == 0) throw new UserInputException($"{file}: no rows of profile counts.");
        return rows;
    }
}
