namespace Kairos.Models.SpacedRepetition.Fsrs;

/// <summary>One simulated FSRS student: its own (jittered) <see cref="FsrsModel"/> and each item's memory state and
/// last review time.</summary>
public sealed class FsrsStudent : ISimulatedStudent
{
    private readonly FsrsStudentModel _population;
    private readonly FsrsMemoryState[] _state;
    private readonly double[] _lastReview;

    internal FsrsStudent(FsrsStudentModel population, FsrsModel model, double origin)
    {
        _population = population;
        Model = model;
        _state = new FsrsMemoryState[population.ItemCount];
        _lastReview = new double[population.ItemCount];
        double s0 = model.Initial(FsrsRating.Good).Stability;
        for (int i = 0; i < _state.Length; i++) _state[i] = new(s0, population.ItemDifficulty(i));
        Array.Fill(_lastReview, origin);
    }

    /// <summary>This student's memory model (population parameters with the student's jitter).</summary>
    public FsrsModel Model { get; }
    public int ItemCount => _state.Length;
    public FsrsMemoryState State(int item) => _state[item];
    public double LastReview(int item) => _lastReview[item];

    public double RecallProbability(int item, double time) => Model.Retrievability(time - _lastReview[item], _state[item].Stability);

    /// <summary>One uniform for recall, then (if recalled) one for Hard/Good/Easy; then the FSRS update.</summary>
    public bool Review(int item, double time, Random rng)
    {
        bool recalled = rng.NextDouble() < RecallProbability(item, time);
        var rating = _population.Rate(recalled, recalled ? rng.NextDouble() : 0);
        _state[item] = Model.Next(_state[item], time - _lastReview[item], rating);
        _lastReview[item] = time;
        return recalled;
    }
}
