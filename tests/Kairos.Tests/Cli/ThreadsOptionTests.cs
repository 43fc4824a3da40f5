using System.CommandLine;
using Kairos.Cli;

namespace Kairos.Tests.Cli;

/// <summary>Every verb's `--threads` (found by walking the command tree, so a new verb is covered) refuses 0 and
/// negatives other than −1 at parse time, with an error naming the flag, and accepts −1 and 1.</summary>
public sealed class ThreadsOptionTests
{
    public static TheoryData<string> VerbsWithThreads()
    {
        var data = new TheoryData<string>();
        foreach (var (path, command) in CommandTree.Walk(KairosCli.Build(new CliIO(TextWriter.Null, TextWriter.Null, interactive: false)), ""))
            if (command.Options.Any(o => o.Name == "--threads")) data.Add(path);
        return data;
    }

    [Fact]
    public void SeveralVerbsHaveTheFlag() => Assert.True(VerbsWithThreads().Count >= 8);

    [Theory]
    [MemberData(nameof(VerbsWithThreads))]
    public void ZeroAndNegativesAreRefusedNamingTheFlag(string verb)
    {
        foreach (var bad in new[] { "0", "-2", "-64" })
            Assert.Contains(ThreadsErrors(verb, bad), m => m.Contains("--threads") && m.Contains(bad));
    }

    [Theory]
    [MemberData(nameof(VerbsWithThreads))]
    public void AllCoresAndOneThreadAreAccepted(string verb)
    {
        foreach (var good in new[] { "-1", "1", "2" }) Assert.Empty(ThreadsErrors(verb, good));
    }

    /// <summary>Parse errors that mention the flag (a verb's other required flags are missing here, and that is fine).</summary>
    private static List<string> ThreadsErrors(string verb, string value)
    {
        var root = KairosCli.Build(new CliIO(TextWriter.Null, TextWriter.Null, interactive: false));
        var args = verb.Split(' ').Concat(["--threads", value]).ToArray();
        return root.Parse(args).Errors.Select(e => e.Message).Where(m => m.Contains("--threads")).ToList();
    }

}
