using Kairos.Cli;

namespace Kairos.Tests.Simulation;

public class TrainProgressTests
{
    [Fact]
    public void Train_NotInteractive_PrintsMilestonesWithTheRunningRewardOnStderr()
    {
        // Given a short training run without --json on a non-interactive console
        var dir = Path.Combine(Path.GetTempPath(), "kairos-progress-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var o = new StringWriter();
            var e = new StringWriter();

            int code = KairosCli.Run(["train", "toy-counting", "--policy", "tpprl", "--iterations", "10", "--batch", "4", "--hidden", "3",
                "--eval-every", "0", "--seed", "2", "--out", Path.Combine(dir, "p.json")], new CliIO(o, e, interactive: false));

            // Then progress (with the running reward) goes to stderr as milestone lines, ending at 100%, and not to stdout
            Assert.True(code == 0, e.ToString());
            var lines = e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(lines, l => l.Contains("100%") && l.Contains("reward "));
            Assert.True(lines.Count(l => l.Contains("reward ")) >= 2, e.ToString());
            Assert.DoesNotContain(o.ToString().Split('\n'), l => l.StartsWith("train toy-counting:"));
        }
        finally { Directory.Delete(dir, true); }
    }
}
