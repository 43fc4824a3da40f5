namespace Kairos.Data.Duolingo;

/// <summary>
/// One row of the public Duolingo half-life-regression log (Settles &amp; Meeder 2016; columns as in
/// duolingo/halflife-regression's README): one practice session of one lexeme by one user.
/// </summary>
/// <param name="PRecall">Fraction of the session's trials recalled, session_correct / session_seen, in [0, 1].</param>
/// <param name="Timestamp">UNIX time of the session, seconds.</param>
/// <param name="DeltaSeconds">Time since the lexeme was last seen by the user, seconds (≥ 0).</param>
/// <param name="HistorySeen">Exposures before this session.</param>
/// <param name="HistoryCorrect">Correct recalls before this session (≤ <paramref name="HistorySeen"/>).</param>
/// <param name="SessionSeen">Trials in this session (≥ 1).</param>
/// <param name="SessionCorrect">Correct trials in this session (≤ <paramref name="SessionSeen"/>).</param>
/// <param name="LineNumber">1-based line in the source file (0 when not read from a file).</param>
public sealed record DuolingoRecord(
    double PRecall, long Timestamp, double DeltaSeconds, string UserId, string LearningLanguage, string UiLanguage,
    string LexemeId, string LexemeString, int HistorySeen, int HistoryCorrect, int SessionSeen, int SessionCorrect,
    long LineNumber = 0)
{
    public const double SecondsPerDay = 86400;

    /// <summary>Δ in days (the time unit of the student model).</summary>
    public double DeltaDays => DeltaSeconds / SecondsPerDay;

    /// <summary>history_seen − history_correct.</summary>
    public int HistoryWrong => HistorySeen - HistoryCorrect;

    /// <summary>The HLR lexeme feature label, <c>learning_language:lexeme_string</c>.</summary>
    public string LexemeLabel => LearningLanguage + ":" + LexemeString;
}
