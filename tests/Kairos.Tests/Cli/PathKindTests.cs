using Kairos.Cli;

namespace Kairos.Tests.Cli;

/// <summary>Every path flag of every verb, found by walking the command tree: a folder where a file is read or written,
/// or a file where a folder is meant, exits 2 with an `error:` line that starts with the flag and the path and says
/// what it is ("is a folder" / "is a file"), never "does not exist", "access denied" or a .NET message.</summary>
public sealed class PathKindTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-paths-");

    public void Dispose() => _dir.Delete(recursive: true);

    public static TheoryData<string, string> PathFlags()
    {
        var data = new TheoryData<string, string>();
        foreach (var (verb, command) in CommandTree.Walk(KairosCli.Build(new CliIO(TextWriter.Null, TextWriter.Null, interactive: false))))
            foreach (var option in command.Options.Where(o => CliPaths.Of(verb, o.Name) is not null))
                data.Add(verb, option.Name);
        return data;
    }

    [Fact]
    public void TheWalkFindsThePathFlags()
    {
        var flags = PathFlags().Select(row => $"{row[0]} {row[1]}").ToList();
        foreach (var expected in new[] { "fit --events", "fit-model --data", "pomdp solve --spec", "train --init", "evaluate --report",
                     "experiment --out", "demo --out-dir", "export-log --out" })
            Assert.Contains(expected, flags);
    }

    [Theory]
    [MemberData(nameof(PathFlags))]
    public void WrongKindOfPath_IsRefusedNamingTheFlag(string verb, string flag)
    {
        var kind = CliPaths.Of(verb, flag)!.Value.Kind;
        string file = Path.Combine(_dir.FullName, "a-file.txt");
        File.WriteAllText(file, "x");
        string value = kind == CliPaths.Kind.Folder ? file : _dir.FullName;
        var r = CliRunner.Run([.. verb.Split(' '), flag, value]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"error: {flag} {value}: is a {(kind == CliPaths.Kind.Folder ? "file" : "folder")}", r.Stderr);
        Assert.DoesNotContain("does not exist", r.Stderr);
        Assert.DoesNotContain("denied", r.Stderr);
        Assert.DoesNotContain("internal error", r.Stderr);
    }

    [Fact]
    public void AnOutputBelowAFile_NamesTheFile()
    {
        string file = Path.Combine(_dir.FullName, "a-file.txt");
        File.WriteAllText(file, "x");
        var r = CliRunner.Run("evaluate", "toy-counting", "--policies", "poisson", "--episodes", "2", "--report", Path.Combine(file, "r.html"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{file} is a file, not a folder", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Theory]
    [InlineData("fit-model --data {missing}", "--data {missing}: no such file")]
    [InlineData("export-log --store sqlite:{dir} --out {dir}/x.csv", "--store sqlite:{dir}: is a folder")]
    [InlineData("export-log --store sqlite:{missing} --out {dir}/x.csv", "--store sqlite:{missing}: no such SQLite store file")]
    [InlineData("train toy-counting --init {missing}", "--init {missing}: no such policy file")]
    [InlineData("pomdp solve --spec {missing}", "--spec {missing}: no such POMDP spec file")]
    public void MissingOrFolderInputs_SayWhichItIs(string commandLine, string expected)
    {
        string missing = Path.Combine(_dir.FullName, "missing.json");
        string Fill(string s) => s.Replace("{dir}", _dir.FullName).Replace("{missing}", missing);
        var r = CliRunner.Run(Fill(commandLine).Split(' '));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(Fill(expected), r.Stderr);
    }
}
