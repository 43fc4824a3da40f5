namespace Kairos.Tests.Cli;

/// <summary>A size flag set so high that the run could not finish (or fit in memory) is refused before any work, exit 2,
/// with the flag and the estimate in the message.</summary>
public sealed class ResourceGuardTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-guard-");

    public ResourceGuardTests() =>
        // 200 KB: about 5,000 session rows by the estimate (never read: the refusal comes first).
        File.WriteAllText(Path.Combine(_dir.FullName, "big.csv"), new string('x', 200_000));

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("fit-student --data {dir}/big.csv --hlr-epochs 1e9", "--hlr-epochs 1000000000 would take about")]
    [InlineData("train toy-counting --iterations 1e9 --out {dir}/p.json", "--iterations 1000000000 × --batch")]
    [InlineData("train toy-counting --batch 1e9 --iterations 10 --out {dir}/p.json", "× --batch 1000000000 would take about")]
    [InlineData("loadgen --url http://127.0.0.1:1 --duration 1e9", "--duration 1000000000 s is more than the limit of 24 h")]
    [InlineData("loadgen --url http://127.0.0.1:1 --rate 1e9 --duration 1000", "GB, more than the limit of")]
    [InlineData("loadgen --url http://127.0.0.1:1 --batch 1e9", "--batch 1000000000 is more than")]
    public void AbsurdSize_IsRefusedWithTheEstimate(string commandLine, string fragment)
    {
        var r = CliRunner.Run([.. commandLine.Split(' ').Select(a => a.Replace("{dir}", _dir.FullName))]);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.StartsWith("error:", r.Stderr);
        Assert.Contains(fragment, r.Stderr);
        Assert.Equal("", r.Stdout);
    }
}
