using System.Text.Json;
using Kairos.Cli;
using Kairos.Data.Duolingo;
using Kairos.Environments.SpacedRepetition;
using Kairos.Models.SpacedRepetition;

namespace Kairos.Tests.Cli.Commands;

public sealed class FitStudentCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => Kairos.Tests.Cli.CliRunner.RunTuple(args);

    [Fact]
    public void Run_SyntheticFileJson_PrintsOneDocumentWithFitAndMetrics()
    {
        var truth = new StudentModel(0.15, 0.1, Enumerable.Range(0, 10).Select(i => 0.3 + 0.2 * i).ToArray());
        var path = Path.Combine(Path.GetTempPath(), $"kairos-fit-{Guid.NewGuid():N}.csv");
        try
        {
            DuolingoHlrWriter.WriteFile(path, DuolingoSyntheticLog.Generate(truth, 300, 6, 8, new Random(2)));
            var (code, stdout, _) = Run("fit-student", "--data", path, "--holdout", "0.25", "--seed", "3", "--json");
            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(stdout);
            var root = doc.RootElement;
            Assert.Equal("kairos.fit-student", root.GetProperty("format").GetString());
            Assert.Equal(1, root.GetProperty("version").GetInt32());
            Assert.Equal("fit-student", root.GetProperty("command").GetString());
            Assert.Equal(3, root.GetProperty("seed").GetInt32());
            var sessions = root.GetProperty("sessions");
            Assert.Equal(300 * 6 * 8, sessions.GetProperty("train").GetInt32() + sessions.GetProperty("test").GetInt32());
            Assert.InRange(root.GetProperty("studentModel").GetProperty("alpha").GetDouble(), 0.13, 0.17);
            Assert.Equal(10, root.GetProperty("studentModel").GetProperty("items").GetArrayLength());
            var metrics = root.GetProperty("metrics");
            double student = metrics.GetProperty("studentModel").GetProperty("logLoss").GetDouble();
            double constant = metrics.GetProperty("constant").GetProperty("logLoss").GetDouble();
            Assert.True(student < constant);
            Assert.InRange(metrics.GetProperty("studentModel").GetProperty("auc").GetDouble(), 0.5, 1);
            Assert.True(metrics.GetProperty("hlr").GetProperty("mae").GetDouble() > 0);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Run_BadArguments_ExitCode2ListingAllProblems()
    {
        var (code, _, err) = Run("fit-student", "--data", "/nonexistent/x.csv", "--holdout", "1.5");
        Assert.Equal(2, code);
        Assert.Contains("--data", err);
        Assert.Contains("--holdout must lie in [0, 1), got 1.5", err);
    }

    [Fact]
    public void Run_MalformedFile_ExitCode2WithLineNumber()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kairos-bad-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, string.Join(",", DuolingoHlrFormat.Columns) + "\n1,0,abc,u,xx,en,a,a,0,0,1,1\n");
            var (code, _, err) = Run("fit-student", "--data", path);
            Assert.Equal(2, code);
            Assert.Contains(":2: column 'delta' is 'abc'", err);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_SmallLogWithoutEffects_EstimatesInDomainWithStandardErrorsAndSaysWhatIsOnABound(int seed)
    {
        // Given 200 sessions from a student whose recalls and lapses change nothing (α = β = 0)
        var truth = new StudentModel(0, 0, Enumerable.Range(0, 5).Select(i => 0.3 + 0.2 * i).ToArray());
        var path = Path.Combine(Path.GetTempPath(), $"kairos-fit-small-{Guid.NewGuid():N}.csv");
        try
        {
            DuolingoHlrWriter.WriteFile(path, DuolingoSyntheticLog.Generate(truth, 8, 5, 5, new Random(seed)));
            var (code, stdout, err) = Run("fit-student", "--data", path, "--json");
            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(stdout);
            var model = doc.RootElement.GetProperty("studentModel");
            double alpha = model.GetProperty("alpha").GetDouble(), beta = model.GetProperty("beta").GetDouble();
            // Then α ∈ [0, 1), β ≥ 0, each with a standard error, and a parameter on its bound is named in a warning
            Assert.InRange(alpha, 0, 0.999999);
            Assert.True(beta >= 0, $"β = {beta}");
            Assert.True(model.GetProperty("alphaStandardError").GetDouble() > 0);
            Assert.True(model.GetProperty("betaStandardError").GetDouble() > 0);
            var warnings = doc.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
            Assert.Equal(alpha == 0, warnings.Any(w => w.StartsWith("α sits at its bound 0", StringComparison.Ordinal)));
            Assert.Equal(beta == 0, warnings.Any(w => w.StartsWith("β sits at its bound 0", StringComparison.Ordinal)));
            foreach (var w in warnings) Assert.Contains("warning: " + w, err);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Run_HlrWorseThanConstant_IsExplainedInTheOutput()
    {
        var truth = new StudentModel(0.15, 0.1, Enumerable.Range(0, 10).Select(i => 0.3 + 0.2 * i).ToArray());
        var path = Path.Combine(Path.GetTempPath(), $"kairos-fit-hlr-{Guid.NewGuid():N}.csv");
        try
        {
            DuolingoHlrWriter.WriteFile(path, DuolingoSyntheticLog.Generate(truth, 60, 6, 8, new Random(4)));
            var (code, stdout, err) = Run("fit-student", "--data", path);
            Assert.Equal(0, code);
            Assert.Contains("± ", stdout);
            var logLoss = System.Text.RegularExpressions.Regex.Matches(stdout, @"(half-life regression|constant p̄ = [0-9.]+)\s*│\s*([0-9.]+)");
            Assert.Equal(2, logLoss.Count);
            double hlr = double.Parse(logLoss[0].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            double constant = double.Parse(logLoss[1].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(hlr > constant, err.Contains("half-life regression scores worse than the constant predictor", StringComparison.Ordinal));
        }
        finally { File.Delete(path); }
    }
}
