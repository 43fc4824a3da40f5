using System.Globalization;
using Kairos.Models.SpacedRepetition;
using Kairos.PointProcesses;
using Kairos.Simulation;

namespace Kairos.Environments.SpacedRepetition;

/// <summary>One student over one episode: the true memory (<see cref="ISimulatedStudent"/>), review counts and the final test.</summary>
internal sealed class SpacedRepetitionEpisode : IEpisode
{
    private readonly SpacedRepetitionOptions _options;
    private readonly ISimulatedStudent _memory;
    private double _lastRecall, _lastTime, _difficultySum, _lastItemElapsed;
    private int _reviews;

    public SpacedRepetitionEpisode(SpacedRepetitionOptions options, Random rng)
    {
        _options = options;
        _memory = options.Student.NewStudent(rng);
    }

    public double NextFeedbackTime => double.PositiveInfinity;

    public Event TakeFeedback(Random rng) =>
        throw new InvalidOperationException("spaced repetition has no exogenous feedback events.");

    public Event Act(double time, int mark, Random rng)
    {
        if (!(time >= _lastTime) || time > _options.Horizon)
            throw new ArgumentOutOfRangeException(nameof(time), time, string.Create(CultureInfo.InvariantCulture,
                $"review time must lie in [{_lastTime:R}, {_options.Horizon:R}] (time order), got {time:R}."));
        if (mark < 0 || mark >= _memory.ItemCount)
            throw new ArgumentOutOfRangeException(nameof(mark), mark, $"item must lie in [0, {_memory.ItemCount}), got {mark}.");
        _lastItemElapsed = time - _memory.LastReview(mark);
        bool recalled = _memory.Review(mark, time, rng);
        _lastTime = time;
        _lastRecall = recalled ? 1 : 0;
        _reviews++;
        _difficultySum += _options.Student.ItemDifficulty(mark);
        return new Event(time, EventKind.Action, mark, _lastRecall);
    }

    public void Feedback(Span<double> z)
    {
        z[0] = _lastRecall;
        if (_options.ItemElapsedFeedback) z[1] = _lastItemElapsed / _options.Horizon;
    }

    public IReadOnlyDictionary<string, double> Finish(Random rng)
    {
        double test = _options.Horizon + _options.TestDelay, recalled = 0, expected = 0;
        int n = _memory.ItemCount;
        for (int i = 0; i < n; i++)
        {
            double m = _memory.RecallProbability(i, test);
            expected += m;
            if (rng.NextDouble() < m) recalled++;
        }
        return new Dictionary<string, double>
        {
            [SpacedRepetitionMetrics.Recall] = recalled / n,
            [SpacedRepetitionMetrics.ExpectedRecall] = expected / n,
            [SpacedRepetitionMetrics.ReviewedDifficulty] = _reviews == 0 ? double.NaN : _difficultySum / _reviews,
            [SpacedRepetitionMetrics.Reviews] = _reviews,
            [SpacedRepetitionMetrics.ReviewsPerDay] = _reviews / _options.Horizon,
        };
    }
}
