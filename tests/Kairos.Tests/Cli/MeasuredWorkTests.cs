using Kairos.Cli;

namespace Kairos.Tests.Cli;

/// <summary>Runs whose cost no constant rate captures are timed on their first units of work: a run projected beyond
/// a day is refused with the estimate and the setting that asked for it; a long one says how long; a short one is
/// silent. Broadcasting experiments are also refused up front when their size alone is beyond a day.</summary>
public sealed class MeasuredWorkTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Ticks;
        public void Advance(double seconds) => Ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    private sealed class Recorder : IProgressSink
    {
        public double Last;
        public void Report(double done, string? status = null) => Last = done;
    }

    private static (MeasuredWork Work, ManualClock Clock, Recorder Inner, StringWriter Err) Make(double total)
    {
        var clock = new ManualClock();
        var inner = new Recorder();
        var err = new StringWriter();
        return (new MeasuredWork(inner, new CliIO(TextWriter.Null, err, interactive: false), "--episodes 5", total, "episodes", clock), clock, inner, err);
    }

    [Fact]
    public void ARunProjectedBeyondADay_IsRefusedWithTheEstimate()
    {
        var (work, clock, inner, _) = Make(total: 1_000_000);
        clock.Advance(3);
        var e = Assert.Throws<UserInputException>(() => work.Report(10));   // 3.3 episodes/s: 3.5 days for 1e6
        Assert.StartsWith("--episodes 5 would take about 3 days", e.Message);
        Assert.Contains("measured on the first 10 episodes", e.Message);
        Assert.Equal(10, inner.Last);
    }

    [Fact]
    public void ALongRun_SaysHowLongOnce_AndAShortOneIsSilent()
    {
        var (work, clock, _, err) = Make(total: 10_000);
        work.Report(5);                                // before the measuring time: no judgement yet
        clock.Advance(2);
        work.Report(20);                               // 10/s: 10,000 take ~17 min
        clock.Advance(100);
        work.Report(30);                               // judged once only
        Assert.Single(err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--episodes 5: about 17 min", err.ToString());

        var (fast, fastClock, _, quiet) = Make(total: 100);
        fastClock.Advance(2);
        fast.Report(50);
        Assert.Equal("", quiet.ToString());
    }

    /// <summary>A clock that leaps a minute at every reading: any run of many units looks beyond a day.</summary>
    private sealed class LeapingClock : TimeProvider
    {
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks += 60 * TimeSpan.TicksPerSecond;
    }

    [Theory]
    [InlineData("train toy-counting --policy tpprl --batch 2 --eval-every 0 --held-out-episodes 2")]
    [InlineData("train spaced-repetition-fsrs-memory --policy tpprl-per-item --batch 2 --eval-every 0 --held-out-episodes 2")]
    public void TrainingOfEveryPolicyKind_IsTimedOnItsFirstIterations(string commandLine)
    {
        var dir = Directory.CreateTempSubdirectory("kairos-measured-");
        try
        {
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            string[] args = [.. commandLine.Split(' '), "--iterations", "5000", "--out", Path.Combine(dir.FullName, "p.json")];
            int code = KairosCli.Run(args, new CliIO(stdout, stderr, interactive: false) { Clock = new LeapingClock() });
            Assert.True(code == 2, $"exit {code}: {stderr}");
            Assert.Contains("error: --iterations 5000 would take about", stderr.ToString());
            Assert.Contains("measured on the first 1 iteration)", stderr.ToString());
            Assert.False(File.Exists(Path.Combine(dir.FullName, "p.json")));
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void ABroadcastingExperimentBeyondADay_IsRefusedBeforeAnyWork()
    {
        var dir = Directory.CreateTempSubdirectory("kairos-measured-");
        try
        {
            var r = CliRunner.Run("experiment", "broadcasting", "--users", "10000", "--iterations", "100000", "--out", Path.Combine(dir.FullName, "x"));
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("error: --users 10000 × (--iterations 100000", r.Stderr);
            Assert.Contains("would take about", r.Stderr);
            Assert.False(Directory.Exists(Path.Combine(dir.FullName, "x")));
        }
        finally { dir.Delete(recursive: true); }
    }
}
