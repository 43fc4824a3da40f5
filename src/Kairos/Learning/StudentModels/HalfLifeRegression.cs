using Kairos.Data.Duolingo;

namespace Kairos.Learning.StudentModels;

/// <summary>
/// Half-life regression (Settles &amp; Meeder, ACL 2016; duolingo/halflife-regression experiment.py): predicted
/// half-life ĥ = 2^{θ·x} days with x = (√(1+history_correct), √(1+history_wrong), 1, indicator of
/// <c>lang:lexeme_string</c>), clipped to [15 minutes, 274 days]; recall p̂ = 2^{−Δ/ĥ} clipped to [1e-4, 0.9999].
/// </summary>
public sealed class HalfLifeRegression
{
    public const double MinHalfLife = 15.0 / (60 * 24), MaxHalfLife = 274, MinP = 1e-4, MaxP = 0.9999;

    private readonly Dictionary<string, double> _lexemes;

    public HalfLifeRegression(double right, double wrong, double bias, IReadOnlyDictionary<string, double> lexemes)
    {
        (Right, Wrong, Bias) = (right, wrong, bias);
        _lexemes = new Dictionary<string, double>(lexemes, StringComparer.Ordinal);
    }

    public double Right { get; }
    public double Wrong { get; }
    public double Bias { get; }
    public IReadOnlyDictionary<string, double> LexemeWeights => _lexemes;

    /// <summary>θ·x for a session of lexeme <paramref name="label"/> (lexemes never seen in training weigh 0).</summary>
    public double Score(string label, int correct, int wrong) =>
        Right * Math.Sqrt(1 + correct) + Wrong * Math.Sqrt(1 + wrong) + Bias
        + (_lexemes.TryGetValue(label, out var w) ? w : 0);

    /// <summary>ĥ in days, clipped.</summary>
    public double HalfLife(string label, int correct, int wrong) => ClipHalfLife(Math.Pow(2, Score(label, correct, wrong)));

    /// <summary>p̂ = 2^{−Δ/ĥ}, clipped.</summary>
    public double RecallProbability(string label, int correct, int wrong, double deltaDays) =>
        ClipP(Math.Pow(2, -deltaDays / HalfLife(label, correct, wrong)));

    public double RecallProbability(DuolingoRecord r) =>
        RecallProbability(r.LexemeLabel, r.HistoryCorrect, r.HistoryWrong, r.DeltaDays);

    public static double ClipHalfLife(double h) => Math.Clamp(h, MinHalfLife, MaxHalfLife);
    public static double ClipP(double p) => Math.Clamp(p, MinP, MaxP);
}
