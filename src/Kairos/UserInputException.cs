namespace Kairos;

/// <summary>Bad input from a user (file, option, request): the message names the problem and where it is
/// (file and line, or field). The CLI prints each of <see cref="Problems"/> on its own line and exits with code 2;
/// the server answers 400.</summary>
public sealed class UserInputException : Exception
{
    public UserInputException(string message) : base(message) => Problems = [message];
    public UserInputException(string message, Exception inner) : base(message, inner) => Problems = [message];

    /// <summary>Several independent problems, reported together.</summary>
    public UserInputException(IReadOnlyList<string> problems) : base(string.Join("; ", problems))
    {
        if (problems.Count == 0) throw new ArgumentException("a user error needs at least one problem", nameof(problems));
        Problems = problems;
    }

    /// <summary>Every problem found, one message each (a single one for the first two constructors).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Throws when <paramref name="problems"/> holds any.</summary>
    public static void ThrowIfAny(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0) throw new UserInputException(problems.ToList());
    }
}
