namespace Kairos;

/// <summary>Bad input from a user (file, option, request): the message names the problem and where it is
/// (file and line, or field). The CLI prints it on one line and exits with code 2; the server answers 400.</summary>
public sealed class UserInputException : Exception
{
    public UserInputException(string message) : base(message) { }
    public UserInputException(string message, Exception inner) : base(message, inner) { }
}
