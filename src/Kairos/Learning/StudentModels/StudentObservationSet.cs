using Kairos.Data.Duolingo;

namespace Kairos.Learning.StudentModels;

/// <summary>
/// Sessions in compact columns (≈ 30 bytes each) for fitting: item index, history_correct c, history_wrong w,
/// Δ (days), trials m and recalls k, plus the p_recall target. Items are keyed by lexeme_id in order of first
/// appearance; <see cref="Labels"/> keeps their <c>lang:lexeme_string</c>.
/// </summary>
public sealed class StudentObservationSet
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _ids = new(), _labels = new();
    internal readonly List<int> Items = new(), Corrects = new(), Wrongs = new(), TrialCounts = new(), RecallCounts = new();
    internal readonly List<double> Deltas = new(), Targets = new();

    public int Count => Items.Count;
    public int ItemCount => _ids.Count;
    public IReadOnlyList<string> ItemIds => _ids;
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Index of a lexeme id, or −1 if never added.</summary>
    public int IndexOf(string lexemeId) => _index.TryGetValue(lexemeId, out int i) ? i : -1;

    public void Add(DuolingoRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!_index.TryGetValue(r.LexemeId, out int item))
        {
            item = _ids.Count;
            _index.Add(r.LexemeId, item);
            _ids.Add(r.LexemeId);
            _labels.Add(r.LexemeLabel);
        }
        Items.Add(item);
        Corrects.Add(r.HistoryCorrect);
        Wrongs.Add(r.HistoryWrong);
        Deltas.Add(r.DeltaDays);
        TrialCounts.Add(r.SessionSeen);
        RecallCounts.Add(r.SessionCorrect);
        Targets.Add(r.PRecall);
    }

    public StudentSession this[int row] =>
        new(Items[row], Corrects[row], Wrongs[row], Deltas[row], TrialCounts[row], RecallCounts[row], Targets[row]);
}
