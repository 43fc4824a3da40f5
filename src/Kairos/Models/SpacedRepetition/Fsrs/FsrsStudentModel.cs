using System.Globalization;
using Kairos.Numerics;

namespace Kairos.Models.SpacedRepetition.Fsrs;

/// <summary>
/// A population of simulated students whose memory follows FSRS-6 (<see cref="FsrsModel"/>), which has a spacing
/// effect: a review gains more stability the lower R is when it comes, and same-day repeats gain little.
/// <list type="bullet">
/// <item>Items: item i has its own difficulty D_i; every item was introduced at the origin with a Good first rating,
/// so it starts at S = w2 (the student's) and D = D_i.</item>
/// <item>Students: each parameter w_j of a student is the population's times e^{σ·z_j}, z_j ~ N(0, 1), clamped to
/// <see cref="FsrsParameters.Bounds"/> (σ = <see cref="Jitter"/>; 0 makes every student the population mean).</item>
/// <item>Ratings at a review: recall ~ Bernoulli(R(t − last review, S)); a forgotten item is rated Again, a recalled
/// one Hard, Good or Easy with probabilities <see cref="HardProbability"/>, 1 − Hard − Easy, <see cref="EasyProbability"/>.</item>
/// </list>
/// </summary>
public sealed class FsrsStudentModel : IStudentPopulation
{
    /// <summary>Default rating split of recalled reviews: Hard 10%, Good 80%, Easy 10%.</summary>
    public const double DefaultHard = 0.10, DefaultEasy = 0.10;

    /// <summary>Default per-student parameter jitter σ (log scale): about ±10% per parameter.</summary>
    public const double DefaultJitter = 0.1;

    private readonly double[] _difficulty;

    public FsrsStudentModel(FsrsParameters parameters, IReadOnlyList<double> itemDifficulties, double jitter = DefaultJitter,
        double hardProbability = DefaultHard, double easyProbability = DefaultEasy)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        ArgumentNullException.ThrowIfNull(itemDifficulties);
        if (itemDifficulties.Count == 0) throw new ArgumentOutOfRangeException(nameof(itemDifficulties), "at least one item is needed.");
        _difficulty = new double[itemDifficulties.Count];
        for (int i = 0; i < _difficulty.Length; i++)
            _difficulty[i] = Require.InRange(itemDifficulties[i], FsrsModel.MinDifficulty, FsrsModel.MaxDifficulty, $"itemDifficulties[{i}]");
        Jitter = Require.NonNegative(jitter, nameof(jitter));
        HardProbability = Require.Probability(hardProbability, nameof(hardProbability));
        EasyProbability = Require.Probability(easyProbability, nameof(easyProbability));
        if (hardProbability + easyProbability > 1)
            throw new ArgumentOutOfRangeException(nameof(easyProbability), "Hard and Easy probabilities must sum to at most 1.");
    }

    /// <summary>The default student: FSRS-6 default parameters and one item per TPPRL-study item, its difficulty mapped
    /// from the item's initial forgetting rate by rank in log scale onto [2, 9] (faster forgetting → harder).</summary>
    public static FsrsStudentModel Default() => new(FsrsParameters.Default, DifficultiesFromRates(ItemSets.TpprlStudy()));

    /// <summary>D_i = 2 + 7·(ln n_i − ln n_min)/(ln n_max − ln n_min).</summary>
    public static double[] DifficultiesFromRates(IReadOnlyList<double> rates)
    {
        double lo = Math.Log(rates.Min()), hi = Math.Log(rates.Max());
        return rates.Select(n => hi > lo ? 2 + 7 * (Math.Log(n) - lo) / (hi - lo) : 5.5).ToArray();
    }

    public FsrsParameters Parameters { get; }
    public double Jitter { get; }
    public double HardProbability { get; }
    public double EasyProbability { get; }
    public int ItemCount => _difficulty.Length;
    public IReadOnlyList<double> ItemDifficulties => _difficulty;
    public double ItemDifficulty(int item) => _difficulty[item];
    public string DifficultyUnit => "FSRS difficulty D_i (1-10)";

    public ISimulatedStudent NewStudent(Random rng, double origin = 0)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var w = Parameters.Weights.ToArray();
        if (Jitter > 0)
            for (int j = 0; j < w.Length; j++) w[j] *= Math.Exp(Jitter * StandardNormal(rng));
        return new FsrsStudent(this, new FsrsModel(FsrsParameters.Clipped(w)), origin);
    }

    /// <summary>The rating of a review, given whether it was recalled and a uniform u.</summary>
    public FsrsRating Rate(bool recalled, double u) =>
        !recalled ? FsrsRating.Again : u < HardProbability ? FsrsRating.Hard : u < 1 - EasyProbability ? FsrsRating.Good : FsrsRating.Easy;

    /// <summary>
    /// An exponential-forgetting <see cref="StudentModel"/> that imitates this population at its mean parameters, for
    /// policies that assume one (MEMORIZE, threshold): n_i(0) = −ln 0.9 / w2 (R of a fresh item falls to 0.9 at the
    /// same time), 1 − α = w2 / S' of a Good review at R = 0.9 and the mean difficulty, 1 + β = w2 / S' of a lapse
    /// there. It has no spacing effect, so it is a deliberately misspecified model of this student.
    /// </summary>
    public StudentModel ExponentialSurrogate()
    {
        var model = new FsrsModel(Parameters);
        double s0 = Parameters[2], d = _difficulty.Average();
        double success = model.StabilityAfterSuccess(s0, d, 0.9, FsrsRating.Good);
        double failure = model.StabilityAfterFailure(s0, d, 0.9);
        double rate = Math.Clamp(-Math.Log(0.9) / s0, StudentModel.MinRate, StudentModel.MaxRate);
        return new StudentModel(Math.Clamp(1 - s0 / success, 0, 0.999), Math.Max(s0 / failure - 1, 0),
            Enumerable.Repeat(rate, ItemCount).ToArray());
    }

    private static double StandardNormal(Random rng)   // Box–Muller, one of the pair
    {
        double u = 1 - rng.NextDouble(), v = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"FsrsStudentModel(items={ItemCount}, jitter={Jitter:R}, hard={HardProbability:R}, easy={EasyProbability:R})");
}
