namespace Kairos.Models.SpacedRepetition;

/// <summary>
/// A population of simulated students learning a fixed item set: the spaced-repetition environment draws one
/// <see cref="ISimulatedStudent"/> per episode. Implemented by the exponential-forgetting <see cref="StudentModel"/>
/// (TPPRL) and by <see cref="Fsrs.FsrsStudentModel"/> (FSRS-6, with a spacing effect).
/// </summary>
public interface IStudentPopulation
{
    int ItemCount { get; }

    /// <summary>Item i's difficulty as this model measures it (the environment's <c>reviewed_difficulty</c> metric).</summary>
    double ItemDifficulty(int item);

    /// <summary>Unit and meaning of <see cref="ItemDifficulty"/>, e.g. "1/day".</summary>
    string DifficultyUnit { get; }

    /// <summary>A fresh student, every item reviewed at <paramref name="origin"/>; per-student variation is drawn from
    /// <paramref name="rng"/> (a population without variation draws nothing).</summary>
    ISimulatedStudent NewStudent(Random rng, double origin = 0);
}

/// <summary>One simulated student's memory of every item.</summary>
public interface ISimulatedStudent
{
    int ItemCount { get; }

    /// <summary>Probability that item i is recalled at <paramref name="time"/> (no later than any review so far).</summary>
    double RecallProbability(int item, double time);

    /// <summary>Time of item i's last review.</summary>
    double LastReview(int item);

    /// <summary>A review of item i at <paramref name="time"/>: draws recall ~ Bernoulli(<see cref="RecallProbability"/>)
    /// with one uniform of <paramref name="rng"/> (and whatever else the model needs afterwards), updates the memory and
    /// returns whether the item was recalled.</summary>
    bool Review(int item, double time, Random rng);
}
