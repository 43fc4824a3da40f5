namespace Kairos.Data.Duolingo;

/// <summary>Column names of the Duolingo half-life-regression CSV, in the public file's order.</summary>
public static class DuolingoHlrFormat
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "p_recall", "timestamp", "delta", "user_id", "learning_language", "ui_language",
        "lexeme_id", "lexeme_string", "history_seen", "history_correct", "session_seen", "session_correct",
    ];
}
