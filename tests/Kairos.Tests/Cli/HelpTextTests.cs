using System.Text.RegularExpressions;
using Kairos.Cli;

namespace Kairos.Tests.Cli;

/// <summary>Every verb's --help, found by walking the command tree: a choice option shows the spellings it accepts
/// (`--method &lt;exact|grid&gt;`, never the enum's C# names), and every example that writes a file or folder writes it
/// under out/ (git-ignored), never into the working directory or the repository.</summary>
public sealed class HelpTextTests
{
    /// <summary>Flags whose value is written (a file or a folder), wherever they appear in an example.</summary>
    private static readonly string[] WriteFlags = ["--out", "--report", "--plot", "--out-dir", "--plot-dir", "--reports"];

    public static TheoryData<string> Verbs()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in CommandTree.Walk(KairosCli.Build(new CliIO(TextWriter.Null, TextWriter.Null, interactive: false))))
            if (path.Length > 0) data.Add(path);
        return data;
    }

    private static string Help(string verb)
    {
        var r = CliRunner.Run([.. verb.Split(' '), "--help"]);
        Assert.True(r.ExitCode == 0, $"{verb} --help: exit {r.ExitCode}: {r.Stderr}");
        return r.Stdout;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Help_ShowsAcceptedSpellings_AndExamplesWriteUnderOut(string verb)
    {
        string help = Help(verb);
        Assert.DoesNotMatch(new Regex(@"<[A-Z][a-z]+(\|[A-Z][a-z]+)+>"), help);
        Assert.DoesNotMatch(new Regex(@"\[default: ([A-Z][a-z]+)+\]"), help);   // an enum's or bool's C# name
        foreach (Match m in Regex.Matches(help, @"kairos [a-z][^\n]*"))
        {
            var tokens = m.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i + 1 < tokens.Length; i++)
                if (WriteFlags.Contains(tokens[i]) && !tokens[i + 1].StartsWith('<'))
                    Assert.True(tokens[i + 1].StartsWith("out/", StringComparison.Ordinal),
                        $"{verb} --help: `{m.Value.Trim()}` writes {tokens[i]} {tokens[i + 1]} outside out/");
        }
    }

    [Fact]
    public void PomdpSolveMethod_ListsItsLowerCaseValues()
    {
        string help = Help("pomdp solve");
        Assert.Contains("--method <grid|exact>", help);
        Assert.DoesNotContain("[default: Grid]", help);
    }
}
