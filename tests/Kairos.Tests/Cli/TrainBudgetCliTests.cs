using System.Text.Json;

namespace Kairos.Tests.Cli;

public sealed class TrainBudgetCliTests
{
    [Fact]
    public void Train_WithBudget_ReportsHeldOutActionsWithSeAndTheFinalPrice()
    {
        // Given a short budgeted run on the counting toy (free it would spend T/q = 20)
        string dir = Directory.CreateTempSubdirectory("kairos-train-budget-").FullName;
        try
        {
            var r = CliRunner.Run("train", "toy-counting", "--iterations", "20", "--batch", "8", "--hidden", "3", "--budget", "4",
                "--eval-every", "10", "--seed", "3", "--json", "--out", Path.Combine(dir, "p.json"));

            // Then the JSON carries the target, the held-out count with its SE, and the dual price the run ended at
            Assert.True(r.ExitCode == 0, r.Stderr);
            using var doc = JsonDocument.Parse(r.Stdout);
            var b = doc.RootElement.GetProperty("budget");
            Assert.Equal(4, b.GetProperty("target").GetDouble());
            Assert.True(b.GetProperty("actions").GetDouble() >= 0);
            Assert.True(b.GetProperty("actionsStandardError").GetDouble() > 0);
            Assert.NotEqual(0, b.GetProperty("finalPrice").GetDouble());
            Assert.Equal(0.05, b.GetProperty("tolerance").GetDouble());
            // And the curve records the price each batch paid
            Assert.EndsWith(",action_price", File.ReadLines(Path.Combine(dir, "p.curve.csv")).First());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
