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

    [Fact]
    public void Train_FsrsMemoryShortRun_LandsWithinFivePercentOnFreshStudents()
    {
        // Given a short budgeted run on the FSRS student with memory inputs, started near-Poisson at twice the budget
        // (60 reviews over 14 days): four updates are far too few for the dual price to bring the batches to 30
        string dir = Directory.CreateTempSubdirectory("kairos-train-budget-").FullName;
        try
        {
            var r = CliRunner.Run("train", "spaced-repetition-fsrs-memory", "--budget", "30", "--initial-rate", "4.2857",
                "--iterations", "4", "--batch", "4", "--hidden", "3", "--eval-every", "2", "--seed", "3", "--json",
                "--out", Path.Combine(dir, "p.json"));

            // Then the kept check alone misses the budget by more than 5%, and the returned policy, its log-rate bias
            // shifted, spends 30 ± 5% on the check episodes and on fresh students (selected 69.5, shift −0.84, fresh 29.5)
            Assert.True(r.ExitCode == 0, r.Stderr);
            var root = r.Json();
            var b = root.GetProperty("budget");
            double selected = b.GetProperty("selectedActions").GetDouble();
            Assert.True(Math.Abs(selected - 30) > 1.5, $"selected check {selected}");
            Assert.True(b.GetProperty("biasShift").GetDouble() < 0);
            Assert.True(b.GetProperty("met").GetBoolean(), $"{b.GetProperty("actions").GetDouble()}");
            Assert.InRange(root.GetProperty("heldOut").GetProperty("actions").GetDouble(), 28.5, 31.5);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
