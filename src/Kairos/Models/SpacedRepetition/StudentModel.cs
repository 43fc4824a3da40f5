using System.Globalization;
using Kairos.Numerics;

namespace Kairos.Models.SpacedRepetition;

/// <summary>
/// The exponential-forgetting student model of Tabibian et al. (PNAS 2019), as used by TPPRL (seed 001, appendix E):
/// item i, last reviewed at η, is recalled at t with probability m_i(t) = exp(−n_i (t − η)); a review that is recalled
/// sets n_i ← (1 − α) n_i, a forgotten one n_i ← (1 + β) n_i (TPPRL eq. 16), clipped to [<see cref="MinRate"/>,
/// <see cref="MaxRate"/>] as the authors' <c>Student</c> class does. Time is in days. Immutable; per-student state
/// lives in <see cref="ItemMemory"/>.
/// </summary>
public sealed class StudentModel : IStudentPopulation
{
    /// <summary>Clip range of forgetting rates (per day), as in the TPPRL code.</summary>
    public const double MinRate = 1e-6, MaxRate = 100;

    /// <summary>α and β of the TPPRL study (README command line of Networks-Learning/tpprl).</summary>
    public const double TpprlAlpha = 0.049, TpprlBeta = 0.0052;

    private readonly double[] _initialRates;

    /// <param name="alpha">α ∈ [0, 1): fractional drop of the forgetting rate after a recalled review.</param>
    /// <param name="beta">β ≥ 0: fractional rise of the forgetting rate after a forgotten review.</param>
    /// <param name="initialRates">n_i(0) per item, per day, each in [1e-6, 100].</param>
    public StudentModel(double alpha, double beta, IReadOnlyList<double> initialRates)
    {
        Alpha = alpha is >= 0 and < 1 ? alpha
            : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"alpha must lie in [0, 1), got {Fmt(alpha)}.");
        Beta = Require.NonNegative(beta, nameof(beta));
        ArgumentNullException.ThrowIfNull(initialRates);
        if (initialRates.Count == 0)
            throw new ArgumentOutOfRangeException(nameof(initialRates), "initialRates must hold at least one item.");
        _initialRates = new double[initialRates.Count];
        for (int i = 0; i < _initialRates.Length; i++)
            _initialRates[i] = Require.InRange(initialRates[i], MinRate, MaxRate, $"initialRates[{i}]");
    }

    /// <summary>The model of the TPPRL study: α = 0.049, β = 0.0052 and its 50 item difficulties.</summary>
    public static StudentModel Tpprl() => new(TpprlAlpha, TpprlBeta, ItemSets.TpprlStudy());

    public double Alpha { get; }
    public double Beta { get; }
    public IReadOnlyList<double> InitialRates => _initialRates;
    public int ItemCount => _initialRates.Length;

    /// <summary>m = exp(−n·elapsed), elapsed in days (≥ 0).</summary>
    public static double RecallProbability(double rate, double elapsed) => Math.Exp(-rate * Math.Max(elapsed, 0));

    /// <summary>The forgetting rate after a review with the given outcome (TPPRL eq. 16), clipped.</summary>
    public double UpdatedRate(double rate, bool recalled) =>
        Math.Clamp(recalled ? rate * (1 - Alpha) : rate * (1 + Beta), MinRate, MaxRate);

    /// <summary>A fresh student: every item reviewed at t = 0 with rate n_i(0).</summary>
    public ItemMemory NewMemory(double origin = 0) => new(this, origin);

    /// <summary>Every student of this model is the same: draws nothing from <paramref name="rng"/>.</summary>
    public ISimulatedStudent NewStudent(Random rng, double origin = 0) => NewMemory(origin);

    /// <summary>n_i(0), per day.</summary>
    public double ItemDifficulty(int item) => _initialRates[item];

    public string DifficultyUnit => "1/day (initial forgetting rate n_i(0))";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"StudentModel(α={Alpha:R}, β={Beta:R}, items={ItemCount})");

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
