using System.Globalization;
using System.Text.Json;
using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>
/// Reads a sequencing problem from JSON. Assumption-1 form:
/// <c>{"discount": 0.9, "profiles": [{"name", "prior", "f": [f_1(x)..f_K(x)]}], "products": [{"name", "reward", "zeta": [ζ_1..ζ_K]}]}</c>;
/// noisy-OR form: <c>"noisyOr": {"attributes": [{"name", "baseProbability", "marginal"}], "profileCounts": "file.csv"}</c>
/// instead of "profiles" (ζ per attribute; marginals give independent attributes, a counts CSV gives the empirical
/// prior, digest §7). Every problem is collected and reported at once, each naming its field
/// (<c>products[2].zeta[1]: must be &gt;= 0, got -0.5</c>). Priors not summing to 1 are normalised, with a warning.
/// </summary>
public static class PomdpSpec
{
    public static (SequencingProblem Problem, IReadOnlyList<string> Warnings) Load(string path)
    {
        InputPaths.RequireFile("--spec", path, "POMDP spec file", "pass a JSON spec such as data/pomdp/example.json");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e) { throw JsonInputError.From(path, e); }
        using (doc) return Parse(doc.RootElement, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    public static (SequencingProblem Problem, IReadOnlyList<string> Warnings) Parse(JsonElement root, string source, string baseDirectory)
    {
        var r = new SpecErrors(source);
        var warnings = new List<string>();
        if (root.ValueKind != JsonValueKind.Object) r.Fail("(root)", "must be a JSON object");
        double discount = r.Number(root, "discount", "discount", v => v > 0 && v < 1, "must lie in (0, 1)");
        bool hasProfiles = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("profiles", out _);
        bool hasNoisyOr = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("noisyOr", out _);
        if (hasProfiles == hasNoisyOr) r.Fail("profiles", "give exactly one of \"profiles\" (Assumption-1 form) or \"noisyOr\"");
        IProfileDistribution? profiles = null;
        int k = -1;
        if (hasProfiles && !hasNoisyOr) profiles = ReadProfiles(root.GetProperty("profiles"), r, warnings, out k);
        if (hasNoisyOr && !hasProfiles) profiles = NoisyOrSpec.Read(root.GetProperty("noisyOr"), r, warnings, baseDirectory, out k);
        var products = ReadProducts(root, r, k);
        r.ThrowIfAny();
        return (new SequencingProblem(profiles!, products, discount), warnings);
    }

    private static EnumeratedProfiles? ReadProfiles(JsonElement array, SpecErrors r, List<string> warnings, out int k)
    {
        k = -1;
        var items = r.Array(array, "profiles", minCount: 1);
        var names = new List<string>();
        var prior = new List<double>();
        var basis = new List<IReadOnlyList<double>>();
        for (int x = 0; x < items.Count; x++)
        {
            var p = items[x];
            string at = $"profiles[{x}]";
            names.Add(r.Name(p, at, names));
            prior.Add(r.Number(p, "prior", at + ".prior", v => v > 0, "must be > 0"));
            if (!p.TryGetProperty("f", out var fe)) { r.Fail(at + ".f", "is missing (f[l] = f_l(x) in (0, 1])"); continue; }
            var f = r.Array(fe, at + ".f", minCount: 1).Select((e, l) => r.Value(e, $"{at}.f[{l}]", v => v > 0 && v <= 1, "must lie in (0, 1]")).ToList();
            if (k < 0) k = f.Count;
            else if (f.Count != k) r.Fail(at + ".f", $"has {CountText.Of(f.Count, "entry", "entries")} but profiles[0].f has {k}");
            basis.Add(f);
        }
        if (r.Any || items.Count == 0) return null;
        double sum = prior.Sum();
        if (Math.Abs(sum - 1) > 1e-9)
        {
            warnings.Add($"profiles: priors sum to {sum.ToString("G6", CultureInfo.InvariantCulture)}, not 1; normalised.");
            for (int x = 0; x < prior.Count; x++) prior[x] /= sum;
        }
        var profiles = new EnumeratedProfiles(names, prior, basis);
        if (!profiles.BasisIsLinearlyIndependent())
            warnings.Add("profiles: the vectors ln f_l are linearly dependent (Assumption 1(b)); the solvers do not need it, but fewer basis functions would do.");
        return profiles;
    }

    private static List<Product> ReadProducts(JsonElement root, SpecErrors r, int k)
    {
        var products = new List<Product>();
        if (root.ValueKind != JsonValueKind.Object) return products;
        if (!root.TryGetProperty("products", out var array)) { r.Fail("products", "is missing (a list of {\"name\", \"reward\", \"zeta\"})"); return products; }
        var items = r.Array(array, "products", minCount: 1);
        var names = new List<string>();
        for (int u = 0; u < items.Count; u++)
        {
            var p = items[u];
            string at = $"products[{u}]";
            string name = r.Name(p, at, names);
            names.Add(name);
            double reward = r.Number(p, "reward", at + ".reward", v => v >= 0, "must be >= 0");
            if (!p.TryGetProperty("zeta", out var ze)) { r.Fail(at + ".zeta", "is missing (zeta[l] >= 0, one per basis function)"); continue; }
            var zeta = r.Array(ze, at + ".zeta", minCount: 1).Select((e, l) => r.Value(e, $"{at}.zeta[{l}]", v => v >= 0, "must be >= 0")).ToList();
            if (k >= 0 && zeta.Count != k) r.Fail(at + ".zeta", $"has {CountText.Of(zeta.Count, "entry", "entries")}, expected K = {k} (one per basis function)");
            if (!r.Any) products.Add(new Product(name, reward, zeta));
        }
        return products;
    }
}
