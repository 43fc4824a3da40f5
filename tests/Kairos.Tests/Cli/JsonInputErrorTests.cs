using System.Text.Json;

namespace Kairos.Tests.Cli;

/// <summary>Every JSON input a user hands the CLI reports a syntax error as file:line:column (1-based) in one
/// `error:` line, without .NET's "LineNumber: 0 | BytePositionInLine" or type names.</summary>
public sealed class JsonInputErrorTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-json-errors-");
    public void Dispose() => _dir.Delete(recursive: true);

    // The 'x' on line 3 sits at column 8.
    private const string Broken = "{\n  \"format\": \"kairos\",\n  \"b\": x\n}\n";

    [Theory]
    [InlineData("pomdp solve --spec {file}")]
    [InlineData("evaluate toy-counting --policies poisson,tpprl:{file} --episodes 1")]
    [InlineData("evaluate spaced-repetition-fsrs --fsrs-params {file} --policies uniform --episodes 1")]
    public void BrokenJsonFile_OneErrorLineWithFileLineColumn(string command)
    {
        string file = Path.Combine(_dir.FullName, "broken.json");
        File.WriteAllText(file, Broken);
        var r = CliRunner.Run(command.Replace("{file}", file).Split(' '));
        Assert.Equal(2, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:")).ToList();
        Assert.Single(lines);
        // (a flag may name itself first: "error: --fsrs-params <file>:3:8: …")
        Assert.Matches($@"^error: (--[a-z-]+ )?{System.Text.RegularExpressions.Regex.Escape(file)}:3:8: not valid JSON: 'x' is an invalid start of a value", lines[0]);
        Assert.DoesNotContain("LineNumber", r.Stderr);
        Assert.DoesNotContain("BytePosition", r.Stderr);
    }

    [Fact]
    public void BrokenJsonLinesEvents_NamesTheFileLineAndColumn()
    {
        string file = Path.Combine(_dir.FullName, "events.jsonl");
        File.WriteAllText(file, "{\"time\": 1}\n{\"time\": 2}\n{\"time\": ?}\n");
        var r = CliRunner.Run("fit", "--family", "poisson", "--events", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"error: {file}:3:10: not valid JSON", r.Stderr);
        Assert.DoesNotContain("LineNumber", r.Stderr);
    }

    [Fact]
    public void ValueOfTheWrongKind_SaysWhatWasExpectedInDomainWords()
    {
        var e = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<double[]>("[1,\n \"a\"]"));
        string message = JsonInputError.Describe("p.json", e);
        Assert.Equal("p.json:2:5: not valid JSON: the value is not a number (field $[1]).", message);
    }
}
