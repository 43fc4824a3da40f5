namespace Kairos.Models.SpacedRepetition;

/// <summary>One lexeme of the Duolingo half-life-regression weights and the initial forgetting rate derived from it.</summary>
/// <param name="Label">HLR feature label, <c>lang:lexeme_string</c> (e.g. <c>en:water/water&lt;n&gt;&lt;sg&gt;</c>).</param>
/// <param name="Language">Learning language code (the label's prefix).</param>
/// <param name="Weight">HLR weight θ_lex of the lexeme indicator.</param>
/// <param name="InitialRate">Derived n_i(0), per day (see <see cref="ItemSets"/>).</param>
public sealed record DuolingoLexeme(string Label, string Language, double Weight, double InitialRate);
