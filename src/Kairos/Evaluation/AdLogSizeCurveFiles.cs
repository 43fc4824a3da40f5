using System.Text.Json;

namespace Kairos.Evaluation;

/// <summary>Reads the folder `kairos experiment ad-delivery --out DIR` writes as it goes: baselines.json (the baselines'
/// per-user utilities, written first) and one utility-N[-sSEED].json per log and size, written as each finishes, so a run
/// stopped early can be read too. Errors are <see cref="InvalidDataException"/> naming the file.</summary>
public static class AdLogSizeCurveFiles
{
    public const string BaselinesFile = "baselines.json";

    public static AdLogSizeCurveResult Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder");
        string basePath = Path.Combine(folder, BaselinesFile);
        if (!File.Exists(basePath)) throw new InvalidDataException($"{basePath}: missing (written by `kairos experiment ad-delivery --out` before the first log)");
        var (baselines, ads, _, _, _) = Parse(basePath, needsRun: false);
        var runs = new List<AdCurveRun>();
        foreach (var path in Directory.GetFiles(folder, "utility-*.json").Order(StringComparer.Ordinal))
        {
            var (utility, runAds, users, seed, extra) = Parse(path, needsRun: true);
            runs.Add(new AdCurveRun(users, seed, utility, runAds) { HeldOutLogLikelihoodPerEvent = extra.LogLik, LaplacePrior = extra.Prior });
        }
        if (runs.Count == 0) throw new InvalidDataException($"{folder}: no utility-*.json files (no log has finished)");
        try { return AdLogSizeCurve.Build(baselines, ads, runs); }
        catch (ArgumentException e) { throw new InvalidDataException($"{folder}: {e.Message}", e); }
    }

    private static (Dictionary<string, double[]> Utility, Dictionary<string, double> Ads, int Users, int Seed, (double LogLik, double? Prior) Extra)
        Parse(string path, bool needsRun)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var utility = root.GetProperty("perUserUtility").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray());
            var ads = root.GetProperty("adsPerUser").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            if (!needsRun) return (utility, ads, 0, 0, (double.NaN, null));
            double logLik = root.TryGetProperty("heldOutLogLikelihoodPerEvent", out var ll) && ll.ValueKind == JsonValueKind.Number ? ll.GetDouble() : double.NaN;
            double? prior = root.TryGetProperty("laplacePrior", out var lp) && lp.ValueKind == JsonValueKind.Number ? lp.GetDouble() : null;
            return (utility, ads, root.GetProperty("users").GetInt32(), root.GetProperty("logSeed").GetInt32(), (logLik, prior));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a file of `kairos experiment ad-delivery --out` ({e.Message})", e);
        }
    }
}
