using System.Globalization;
using System.Reflection;

namespace Kairos.Models.SpacedRepetition;

/// <summary>
/// Item difficulty sets (initial forgetting rates n_i(0), per day), read from the library's embedded data
/// (sources in data/NOTICE.md).
/// <para><b>Duolingo-derived sets.</b> Half-life regression (Settles &amp; Meeder 2016) predicts the half-life
/// ĥ = 2^{θ·x} (days) with features x = (√(1+right), √(1+wrong), 1, lexeme indicator). For an item with no history
/// x = (1, 1, 1, e_i), so ĥ_i = 2^{θ_right + θ_wrong + θ_bias + θ_i} and p = 2^{−t/ĥ} = exp(−(ln 2/ĥ_i) t): the raw
/// forgetting rate is ln 2 / ĥ_i. With the memorize repository's weights (bias 7.21) these are ≈ 0.005/day,
/// half-lives of ~150 days, which make a 14-day episode trivial; so the rates are rescaled by one constant so that
/// the median over all 19,279 lexemes equals the median of the TPPRL study's 50 items (1.0463/day). The HLR
/// weights thus set each lexeme's <i>relative</i> difficulty, and the TPPRL study sets the time scale.</para>
/// </summary>
public static class ItemSets
{
    private static readonly Lazy<double[]> _tpprl = new(LoadTpprl);
    private static readonly Lazy<IReadOnlyList<DuolingoLexeme>> _duolingo = new(LoadDuolingo);

    /// <summary>The 50 n_i(0) of the TPPRL study (min 0.327, median 1.046, max 2.454 per day).</summary>
    public static IReadOnlyList<double> TpprlStudy() => _tpprl.Value.ToArray();

    /// <summary>All lexemes of the Duolingo HLR weights with their derived n_i(0).</summary>
    public static IReadOnlyList<DuolingoLexeme> DuolingoLexemes => _duolingo.Value;

    /// <summary><paramref name="count"/> distinct lexemes drawn uniformly (optionally of one learning language).</summary>
    public static IReadOnlyList<DuolingoLexeme> SampleDuolingo(int count, Random rng, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pool = language is null ? _duolingo.Value.ToList()
            : _duolingo.Value.Where(l => l.Language == language).ToList();
        if (pool.Count == 0)
            throw new ArgumentException(
                $"no Duolingo lexemes for language '{language}'; valid: {string.Join(", ", Languages())}", nameof(language));
        if (count < 1 || count > pool.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must lie in [1, {pool.Count}], got {count}.");
        for (int i = 0; i < count; i++)   // partial Fisher–Yates
        {
            int j = i + rng.Next(pool.Count - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool.Take(count).ToList();
    }

    /// <summary>Learning languages present in the HLR weights.</summary>
    public static IReadOnlyList<string> Languages() =>
        _duolingo.Value.Select(l => l.Language).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();

    private static double[] LoadTpprl()
    {
        string text = ReadResource("Kairos.Data.spaced-repetition-item-difficulty.csv");
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
    }

    private static IReadOnlyList<DuolingoLexeme> LoadDuolingo()
    {
        double right = double.NaN, wrong = double.NaN, bias = double.NaN;
        var lexemes = new List<(string Label, double Weight)>();
        using var reader = new StringReader(ReadResource("Kairos.Data.duolingo-hlr-weights.csv"));
        reader.ReadLine();   // header: ,label,value,lexeme_id
        while (reader.ReadLine() is { } line)
        {
            // Labels contain no commas in this file; columns: index, label, value, lexeme_id.
            var parts = line.Split(',');
            double value = double.Parse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture);
            switch (parts[1])
            {
                case "right": right = value; break;
                case "wrong": wrong = value; break;
                case "bias": bias = value; break;
                default: lexemes.Add((parts[1], value)); break;
            }
        }
        double offset = right + wrong + bias;
        var raw = lexemes.Select(l => Math.Log(2) / Math.Pow(2, offset + l.Weight)).ToArray();
        var sorted = raw.OrderBy(v => v).ToArray();
        double scale = Median(_tpprl.Value) / Median(sorted);
        return lexemes.Select((l, i) => new DuolingoLexeme(l.Label, l.Label.Split(':')[0], l.Weight,
            Math.Clamp(raw[i] * scale, StudentModel.MinRate, StudentModel.MaxRate))).ToList();
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var s = values.OrderBy(v => v).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource '{name}' is missing from Kairos.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
