namespace Kairos.Tests.Cli;

/// <summary>`kairos fit --gof-bootstrap N`: the output says which p-value it shows, the bootstrap one is
/// deterministic given --seed, and a bad N is a user error naming the flag.</summary>
public sealed class FitBootstrapCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-cli-gof-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Sample()
    {
        string path = Path.Combine(_dir.FullName, "events.jsonl");
        var r = CliRunner.Run("sample", "--family", "poisson", "--param", "rate=1", "--horizon", "100", "--users", "2",
            "--seed", "4", "--out", path);
        Assert.Equal(0, r.ExitCode);
        return path;
    }

    [Fact]
    public void Fit_WithoutBootstrap_SaysThePValueIsThePlugInOne()
    {
        var r = CliRunner.Run("fit", "--family", "poisson", "--events", Sample(), "--horizon", "100", "--json");
        Assert.Equal(0, r.ExitCode);
        var ks = r.Json().GetProperty("ks");
        Assert.Equal("plug-in (optimistic: parameters fitted on the same data)", ks.GetProperty("pValueMethod").GetString());
        Assert.Equal(ks.GetProperty("pValue").GetDouble(), ks.GetProperty("plugInPValue").GetDouble());
        Assert.False(ks.TryGetProperty("bootstrap", out var b) && b.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void Fit_WithBootstrap_ShowsTheBootstrapPValue_SameSeedSameValue()
    {
        string path = Sample();
        string[] args = ["fit", "--family", "poisson", "--events", path, "--horizon", "100", "--gof-bootstrap", "19", "--seed", "7"];
        var first = CliRunner.Run([.. args, "--json"]);
        Assert.Equal(0, first.ExitCode);
        var ks = first.Json().GetProperty("ks");
        Assert.Equal("parametric bootstrap, 19 replicates", ks.GetProperty("pValueMethod").GetString());
        double p = ks.GetProperty("pValue").GetDouble();
        Assert.Equal((1 + ks.GetProperty("bootstrap").GetProperty("exceedances").GetInt32()) / 20.0, p, 12);
        Assert.Equal(7, ks.GetProperty("bootstrap").GetProperty("seed").GetInt32());
        Assert.Equal(p, CliRunner.Run([.. args, "--json"]).Json().GetProperty("ks").GetProperty("pValue").GetDouble());
        var text = CliRunner.Run(args);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("(parametric bootstrap, 19 replicates; plug-in p = ", text.Stdout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Fit_BadReplicateCount_IsAUserErrorNamingTheFlag(string n)
    {
        var r = CliRunner.Run("fit", "--family", "poisson", "--events", Sample(), "--gof-bootstrap", n);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.Stderr);
        Assert.Contains("--gof-bootstrap", r.Stderr);
    }
}
