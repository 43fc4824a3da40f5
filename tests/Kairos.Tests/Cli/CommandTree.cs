using System.CommandLine;

namespace Kairos.Tests.Cli;

/// <summary>Every command of a tree with its path as typed (e.g. "pomdp solve"), so tests cover verbs added later.</summary>
internal static class CommandTree
{
    public static IEnumerable<(string Path, Command Command)> Walk(Command command, string path = "")
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
            foreach (var x in Walk(sub, (path + " " + sub.Name).Trim())) yield return x;
    }
}
