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
        return root;
    }

    /// <summary>Every verb, from the explicit list in <see cref="Verbs"/>.</summary>
    private static IEnumerable<Command> Commands(CliIO io) => Verbs.Create(io);

    public static int Run(string[] args, CliIO io)
    {
        var root = Build(io);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) io.Err.WriteLine($"error: {FriendlyTypeNames(e.Message)}");
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
            io.Err.WriteLine($"error: {UserMessage(e)}");
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

    private static bool IsUserError(Exception e) => e is UserInputException or ArgumentException
        or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or FormatException
        || (e is AggregateException a && a.InnerExceptions.All(IsUserError));

    private static string UserMessage(Exception e) => e switch
    {
        AggregateException a => string.Join("; ", a.InnerExceptions.Select(UserMessage)),
        ArgumentException a => ArgumentMessage(a),
        _ => FirstLine(e.Message),
    };

    /// <summary>The first line of an argument error without the BCL's " (Parameter 'x')" suffix: our messages
    /// already name the parameter, its value and the allowed range.</summary>
    internal static string ArgumentMessage(ArgumentException e)
    {
        string first = FirstLine(e.Message);
        return e.ParamName is { } p ? first.Replace($" (Parameter '{p}')", "").TrimEnd() : first;
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
