using System.CommandLine;

namespace Kairos.Cli;

/// <summary>Builds the `kairos` command tree and runs it with user errors mapped to exit code 2.</summary>
public static class KairosCli
{
    public const int Ok = 0, InternalError = 1, UserError = 2;

    public static RootCommand Build(CliIO io)
    {
        var root = new RootCommand(
            "Kairos: decide when and what to deliver to each user, with marked temporal point processes.");
        root.Options.Add(new Option<bool>("--verbose") { Description = "Show stack traces of internal errors.", Recursive = true });
        foreach (var command in Commands(io)) root.Subcommands.Add(command);
        CliNumbers.Install(root);
        CliPaths.Install(root);
        return root;
    }

    /// <summary>Every verb, from the explicit list in <see cref="Verbs"/>.</summary>
    private static IEnumerable<Command> Commands(CliIO io) => Verbs.Create(io);

    public static int Run(string[] args, CliIO io)
    {
        var root = Build(io);
        // `kairos` alone: the list of verbs, not "Required command was not provided".
        if (args.All(a => a == "--verbose"))
        {
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = io.Err, Error = io.Err });
            return UserError;
        }
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var messages = parsed.Errors.Select(e => FriendlyTypeNames(e.Message)).Distinct().ToList();
            // `kairos evalute`: the unknown word is the problem; "Required command was not provided" only repeats it.
            if (messages.Any(m => m.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)))
                messages.RemoveAll(m => m.StartsWith("Required command was not provided", StringComparison.Ordinal));
            // `kairos evalute toy-counting`: every word after an unknown verb is unrecognised too; say the verb's line only.
            if (args.FirstOrDefault(a => !a.StartsWith('-')) is { } verb && root.Subcommands.All(c => c.Name != verb)
                && messages.FirstOrDefault(m => m.Contains($"'{verb}'", StringComparison.Ordinal)) is { } verbLine)
                messages = [verbLine];
            foreach (var message in messages)
                io.Err.WriteLine($"error: {message}{VerbHint(root, args, message)}");
            io.Err.WriteLine("Run 'kairos --help' (or 'kairos <command> --help') for usage.");
            return UserError;
        }
        bool verbose = args.Contains("--verbose");
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = io.Out, Error = io.Err, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsUserError(e))
        {
            foreach (var message in UserMessages(e).Distinct()) io.Err.WriteLine($"error: {message}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            io.Err.WriteLine("cancelled");
            return 130;
        }
        catch (Exception e)
        {
            io.Err.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            io.Err.WriteLine(verbose ? e.ToString() : "Run again with --verbose for the stack trace, and please report it.");
            return InternalError;
        }
    }

    /// <summary>Only bad input is the user's to fix: <see cref="UserInputException"/>, and a file or folder the user named
    /// that is missing or unreadable. Everything else, <see cref="ArgumentException"/> from a library guard included, is
    /// an internal error: the CLI validates user input before it reaches a guard.</summary>
    internal static bool IsUserError(Exception e) => e is UserInputException
        or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
        || (e is AggregateException a && a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsUserError));

    /// <summary>One line per problem; parallel work can fail the same way on several threads, which the caller says once.</summary>
    private static IEnumerable<string> UserMessages(Exception e) => e switch
    {
        AggregateException a => a.InnerExceptions.SelectMany(UserMessages),
        UserInputException u => u.Problems.Select(FirstLine),
        _ => [FirstLine(e.Message)],
    };

    /// <summary>The first line of an argument error without the BCL's " (Parameter 'x')" suffix: our messages
    /// already name the parameter, its value and the allowed range.</summary>
    internal static string ArgumentMessage(ArgumentException e)
    {
        string first = FirstLine(e.Message);
        return e.ParamName is { } p ? first.Replace($" (Parameter '{p}')", "").TrimEnd() : first;
    }

    /// <summary>" Did you mean 'evaluate'?" when the unrecognised token is the verb.</summary>
    private static string VerbHint(RootCommand root, string[] args, string message)
    {
        string? verb = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (verb is null || root.Subcommands.Any(c => c.Name == verb) || !message.Contains($"'{verb}'", StringComparison.Ordinal)) return "";
        return DidYouMean.Hint(verb, root.Subcommands.Select(c => c.Name));
    }

    /// <summary>System.CommandLine names the expected type as 'System.Nullable`1[System.Double]'; say "a number".</summary>
    private static string FriendlyTypeNames(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"expected type '(?:System\.Nullable`1\[)?System\.(\w+)\]?'",
            m => m.Groups[1].Value switch
            {
                "Double" or "Single" or "Decimal" => "a number (invariant culture, e.g. 2.5 or 1e3)",
                "Int32" or "Int64" => "an integer",
                "Boolean" => "true or false",
                var other => other,
            });

    // ArgumentOutOfRangeException appends "(Parameter 'x')" and "Actual value was" lines; keep the first line.
    private static string FirstLine(string message) =>
        message.Split('\n', 2)[0].Trim();
}
