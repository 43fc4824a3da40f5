using System.CommandLine;

namespace Kairos.Cli;

/// <summary>Parse-time checks of every path flag, by what the flag names: a folder given where a file is read or
/// written, or a file given where a folder is meant, is an error naming the flag before any work starts (never "does
/// not exist", "access denied" or a .NET message halfway through a run). A missing input file is left to the command,
/// which reports it with the other problems of the same run.</summary>
public static class CliPaths
{
    public enum Kind { ReadFile, WriteFile, Folder }

    /// <summary>Path flags and what they name, the same in every verb…</summary>
    public static readonly IReadOnlyDictionary<string, (Kind Kind, string What)> Flags = new Dictionary<string, (Kind, string)>
    {
        ["--events"] = (Kind.ReadFile, "event file"), ["--data"] = (Kind.ReadFile, "data file"),
        ["--reviews"] = (Kind.ReadFile, "review log"), ["--spec"] = (Kind.ReadFile, "POMDP spec file"),
        ["--init"] = (Kind.ReadFile, "policy file"), ["--model"] = (Kind.ReadFile, "model file"),
        ["--logs"] = (Kind.ReadFile, "log file"), ["--fsrs-params"] = (Kind.ReadFile, "FSRS parameter file"),
        ["--posts"] = (Kind.ReadFile, "posts CSV"), ["--follows"] = (Kind.ReadFile, "follows CSV"),
        ["--truth"] = (Kind.ReadFile, "FSRS parameter file"), ["--reference"] = (Kind.ReadFile, "FSRS parameter file"),
        ["--report"] = (Kind.WriteFile, "report"), ["--plot"] = (Kind.WriteFile, "plot"), ["--out"] = (Kind.WriteFile, "output file"),
        ["--out-dir"] = (Kind.Folder, "the outputs"), ["--plot-dir"] = (Kind.Folder, "the plots"),
        ["--models"] = (Kind.Folder, "policy files"), ["--reports"] = (Kind.Folder, "reports"),
    };

    /// <summary>…except where a verb gives the flag another meaning (by command path as typed).</summary>
    public static readonly IReadOnlyDictionary<(string Command, string Flag), (Kind Kind, string What)> Overrides =
        new Dictionary<(string, string), (Kind, string)>
        {
            [("experiment", "--out")] = (Kind.Folder, "the results"),
            [("experiment ad-delivery", "--out")] = (Kind.Folder, "the models and policies"),
            [("serve", "--policy")] = (Kind.ReadFile, "policy file"),
        };

    /// <summary>The kind of <paramref name="flag"/> in the command at <paramref name="path"/>, or null for a flag that is no path.</summary>
    public static (Kind Kind, string What)? Of(string path, string flag) =>
        Overrides.TryGetValue((path, flag), out var o) ? o : Flags.TryGetValue(flag, out var f) ? f : null;

    public static void Install(Command command, string path = "")
    {
        foreach (var option in command.Options)
            if (Of(path, option.Name) is { } kind) option.Validators.Add(r =>
            {
                if (r.Tokens.Count != 1 || string.IsNullOrWhiteSpace(r.Tokens[0].Value)) return;
                string value = r.Tokens[0].Value;
                string? problem = kind.Kind switch
                {
                    Kind.ReadFile => Directory.Exists(value) ? InputPaths.FileProblem(option.Name, value, kind.What) : null,
                    Kind.WriteFile => InputPaths.OutputProblem(option.Name, value, kind.What),
                    _ => InputPaths.FolderProblem(option.Name, value, kind.What),
                };
                if (problem is not null) r.AddError(problem);
            });
        foreach (var sub in command.Subcommands) Install(sub, (path + " " + sub.Name).Trim());
    }
}
