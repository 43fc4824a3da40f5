using System.Globalization;
using System.Text.Json;

namespace Kairos.Tests.Cli;

/// <summary>`sample` → file → `fit`/`loglik` with per-user windows, users without events, and --kinds.</summary>
public sealed class EventWindowCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-cli-windows-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    private static JsonElement Param(JsonElement fit, string name) =>
        fit.GetProperty("parameters").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    private static void AssertUserError(CliRunner.Outcome r, params string[] fragments)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.Stderr);
        Assert.Single(r.Stderr.TrimEnd().Split('\n'));
        foreach (var f in fragments) Assert.Contains(f, r.Stderr);
    }

    [Theory]
    [InlineData("p.csv")]
    [InlineData("p.jsonl")]
    public void SampleThenFit_PoissonWithManyEmptyUsers_RecoversTheRateWithinStandardErrors(string file)
    {
        // Given 200 users at rate 0.001 over 500 time units: most users have no event at all
        string path = PathOf(file);
        Assert.Equal(0, CliRunner.Run("sample", "--family", "poisson", "--param", "rate=0.001", "--horizon", "500",
            "--users", "200", "--seed", "3", "--out", path).ExitCode);

        // When fitting the file as written, with no other option
        var r = CliRunner.Run("fit", "--family", "poisson", "--events", path, "--json");

        // Then every user counts, and the truth lies within 2 SE
        Assert.Equal(0, r.ExitCode);
        var j = r.Json();
        Assert.Equal(200, j.GetProperty("users").GetInt32());
        int n = j.GetProperty("events").GetInt32(), empty = j.GetProperty("usersWithoutEvents").GetInt32();
        Assert.InRange(empty, 100, 180);
        Assert.Equal("file", j.GetProperty("horizonSource").GetString());
        Assert.Equal(200 * 500.0, j.GetProperty("exposure").GetDouble());
        double est = Param(j, "rate").GetProperty("estimate").GetDouble(), se = Param(j, "rate").GetProperty("standardError").GetDouble();
        Assert.True(Math.Abs(est - 0.001) < 2 * se, $"rate {est} ± {se}");
        // The estimate the empty users' loss gave (events over the non-empty users' exposure) is far outside: the test has power.
        double lost = n / ((200.0 - empty) * 500);
        Assert.True(Math.Abs(lost - 0.001) > 3 * se, $"dropping empty users gives {lost}, within 3 SE of the truth");
    }

    [Fact]
    public void SampleThenFit_HelpsExpExample_UsesTheWrittenWindowNotTheLastEvent()
    {
        // Given the sample --help example (a decaying rate, so the last event falls well before T = 200)
        string path = PathOf("decay.jsonl");
        Assert.Equal(0, CliRunner.Run("sample", "--family", "exp", "--param", "c=1", "--param", "omega=-0.05", "--horizon", "200",
            "--seed", "1", "--out", path).ExitCode);
        string old = PathOf("decay-old.jsonl");
        File.WriteAllLines(old, File.ReadAllLines(path).Where(l => !l.Contains("\"window\"")));

        // When fitting with no --horizon
        var fromFile = CliRunner.Run("fit", "--family", "exp", "--events", path, "--json").Json();
        var withHorizon = CliRunner.Run("fit", "--family", "exp", "--events", old, "--horizon", "200", "--json").Json();
        var lastEvent = CliRunner.Run("fit", "--family", "exp", "--events", old, "--json");

        // Then the fit uses [0, 200], exactly as --horizon 200 on the same events, and recovers the truth
        Assert.Equal(200, fromFile.GetProperty("horizon").GetDouble());
        foreach (var (name, truth) in new[] { ("c", 1.0), ("omega", -0.05) })
        {
            double est = Param(fromFile, name).GetProperty("estimate").GetDouble(), se = Param(fromFile, name).GetProperty("standardError").GetDouble();
            Assert.Equal(Param(withHorizon, name).GetProperty("estimate").GetDouble(), est, 1e-9);
            Assert.True(Math.Abs(est - truth) < 2 * se, $"{name}: {est} ± {se} vs {truth}");
        }
        // and an old file without windows or --horizon still fits, on [0, last event], with a warning that says so
        Assert.Equal(0, lastEvent.ExitCode);
        Assert.Equal("last event", lastEvent.Json().GetProperty("horizonSource").GetString());
        Assert.Contains("warning: the file has no window rows and no --horizon", lastEvent.Stderr);
    }

    [Theory]
    [InlineData("poisson", new[] { "rate=0.7" })]
    [InlineData("exp", new[] { "c=0.2", "omega=-0.3" })]
    [InlineData("hawkes", new[] { "mu=0.4", "alpha=0.5", "beta=1.5" })]
    [InlineData("heavytail", new[] { "scale=0.8", "shape=1.3", "tail=0.9" })]
    public void Loglik_WindowFarFromZero_EqualsTheSameLogShiftedToZero(string family, string[] parameters)
    {
        // Given the same events (dyadic, so shifting is exact) on [0, 8] and on [2^20, 2^20 + 8]
        double[] times = [0.5, 1.25, 1.375, 3.75, 7.5];
        const double shift = 1 << 20;
        File.WriteAllLines(PathOf("zero.jsonl"), ["{\"user\":\"a\",\"kind\":\"window\",\"start\":0,\"end\":8}",
            .. times.Select(t => Line(t)), "{\"user\":\"b\",\"kind\":\"window\",\"start\":0,\"end\":2}"]);
        File.WriteAllLines(PathOf("far.csv"), ["user,time,kind,start,end", $"a,,window,{F(shift)},{F(shift + 8)}",
            .. times.Select(t => $"a,{F(t + shift)},,,"), $"b,,window,{F(3 * shift)},{F(3 * shift + 2)}"]);

        double Loglik(string f)
        {
            var args = new List<string> { "loglik", "--family", family, "--events", PathOf(f), "--json" };
            foreach (var p in parameters) { args.Add("--param"); args.Add(p); }
            var r = CliRunner.Run([.. args]);
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Equal(1, r.Json().GetProperty("usersWithoutEvents").GetInt32());
            return r.Json().GetProperty("loglik").GetDouble();
        }

        // Then the log-likelihoods agree: each family sees time relative to the window start
        double atZero = Loglik("zero.jsonl");
        Assert.Equal(atZero, Loglik("far.csv"), Math.Abs(atZero) * 1e-12);
    }

    private static string Line(double t) => $"{{\"user\":\"a\",\"time\":{F(t)}}}";
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void Loglik_UsersWithoutEvents_ContributeMinusTheirIntegral()
    {
        string path = PathOf("w.csv");
        File.WriteAllText(path, "user,kind,start,end\na,window,0,10\nb,window,5,9\n");
        var j = CliRunner.Run("loglik", "--family", "poisson", "--param", "rate=0.5", "--events", path, "--json").Json();
        Assert.Equal(-0.5 * 14, j.GetProperty("loglik").GetDouble(), 1e-12);
        Assert.Equal(0, j.GetProperty("events").GetInt32());
        Assert.Equal(2, j.GetProperty("usersWithoutEvents").GetInt32());
    }

    [Fact]
    public void FitAndLoglik_Kinds_ChooseWhichEventsAreTheProcess()
    {
        string path = PathOf("mixed.jsonl");
        File.WriteAllText(path, "{\"user\":\"a\",\"kind\":\"window\",\"start\":0,\"end\":10}\n{\"user\":\"a\",\"time\":1}\n" +
            "{\"user\":\"a\",\"time\":2,\"kind\":\"feedback\"}\n{\"user\":\"a\",\"time\":3,\"kind\":\"opportunity\"}\n{\"user\":\"a\",\"time\":4}\n");

        var all = CliRunner.Run("fit", "--family", "poisson", "--events", path, "--json");
        var actions = CliRunner.Run("fit", "--family", "poisson", "--events", path, "--kinds", "action", "--json");
        var two = CliRunner.Run("loglik", "--family", "poisson", "--param", "rate=1", "--events", path, "--kinds", "Feedback, opportunity", "--json");

        Assert.Equal(4, all.Json().GetProperty("events").GetInt32());
        Assert.Contains("warning: the file mixes event kinds (action 2, feedback 1, opportunity 1)", all.Stderr);
        Assert.Equal(2, actions.Json().GetProperty("events").GetInt32());
        Assert.Equal(0.2, Param(actions.Json(), "rate").GetProperty("estimate").GetDouble(), 1e-12);
        Assert.DoesNotContain("mixes", actions.Stderr);
        Assert.Equal(["action"], actions.Json().GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(-10.0, two.Json().GetProperty("loglik").GetDouble(), 1e-12);   // 2 log 1 − 1 · 10
        AssertUserError(CliRunner.Run("fit", "--family", "poisson", "--events", path, "--kinds", "action,clicks"),
            "--kinds: unknown kind 'clicks'; allowed: action, feedback, opportunity");
        File.WriteAllText(path, "{\"user\":\"a\",\"time\":1}\n");
        AssertUserError(CliRunner.Run("fit", "--family", "poisson", "--events", path, "--kinds", "feedback"),
            "has no events of kinds feedback to fit (--events, --kinds)");
    }

    [Fact]
    public void FitAndLoglik_BadWindowInput_ExitTwoNamingFileLineOrFlag()
    {
        string path = PathOf("w.jsonl");
        File.WriteAllText(path, "{\"user\":\"a\",\"kind\":\"window\",\"start\":0,\"end\":5}\n{\"user\":\"a\",\"time\":6}\n");
        AssertUserError(CliRunner.Run("fit", "--family", "poisson", "--events", path), $"{path}:2: field 'time': 6 lies outside the window [0, 5]");
        File.WriteAllText(path, "{\"user\":\"a\",\"kind\":\"window\",\"start\":0,\"end\":5}\n{\"user\":\"a\",\"time\":1}\n");
        AssertUserError(CliRunner.Run("fit", "--family", "poisson", "--events", path, "--horizon", "4"),
            $"{path}:1: the window [0, 5] of user 'a' does not end at the horizon 4");
        Assert.Equal(0, CliRunner.Run("fit", "--family", "poisson", "--events", path, "--horizon", "5").ExitCode);
        string old = PathOf("old.csv");
        File.WriteAllText(old, "user,time\na,1\n");
        AssertUserError(CliRunner.Run("loglik", "--family", "poisson", "--param", "rate=1", "--events", old),
            "--horizon is required", "has no window rows");
        AssertUserError(CliRunner.Run("fit", "--family", "poisson", "--events", path, "--user", "zed"), "no events or window of user 'zed'");
    }

    [Fact]
    public void Fit_HawkesAtUnixSecondTimes_WithWindowsEqualsTheFitAtZero_WithoutWindowsWarns()
    {
        // Given a Hawkes sample, and the same events moved to Unix seconds (~1.7e9) with their windows
        string path = PathOf("h.jsonl");
        Assert.Equal(0, CliRunner.Run("sample", "--family", "hawkes", "--param", "mu=0.5", "--param", "alpha=0.5", "--param", "beta=2",
            "--horizon", "300", "--users", "2", "--seed", "8", "--out", path).ExitCode);
        const double origin = 1.7e9;
        var shifted = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).Select(e =>
            e.GetProperty("kind").GetString() == "window"
                ? $"{{\"user\":\"{e.GetProperty("user").GetString()}\",\"kind\":\"window\",\"start\":{F(origin)},\"end\":{F(origin + 300)}}}"
                : $"{{\"user\":\"{e.GetProperty("user").GetString()}\",\"time\":{F(origin + e.GetProperty("time").GetDouble())}}}").ToList();
        File.WriteAllLines(PathOf("unix.jsonl"), shifted);
        File.WriteAllLines(PathOf("unix-old.jsonl"), shifted.Where(l => !l.Contains("window")));

        var atZero = CliRunner.Run("fit", "--family", "hawkes", "--events", path, "--json").Json();
        var unix = CliRunner.Run("fit", "--family", "hawkes", "--events", PathOf("unix.jsonl"), "--json").Json();
        var old = CliRunner.Run("fit", "--family", "hawkes", "--events", PathOf("unix-old.jsonl"), "--json");

        // Then with windows the fit is the one at 0 (up to the 2e-7 s rounding of times near 1.7e9)
        foreach (var name in new[] { "mu", "alpha", "beta" })
        {
            double a = Param(atZero, name).GetProperty("estimate").GetDouble(), b = Param(unix, name).GetProperty("estimate").GetDouble();
            Assert.True(Math.Abs(a - b) < 1e-4 * Param(atZero, name).GetProperty("standardError").GetDouble(), $"{name}: {a} vs {b}");
        }
        // and without windows the fit runs on [0, last event] but warns that the times look absolute
        Assert.Equal(0, old.ExitCode);
        Assert.Contains("more than half-way into the window", old.Stderr);
        Assert.Contains("absolute timestamps", old.Stderr);
    }

    [Fact]
    public void Fit_IsoTimestampsInDays_GiveARatePerDay()
    {
        string path = PathOf("iso.csv");
        File.WriteAllText(path, "user,time,kind,start,end\n" +
            "a,,window,2024-05-01T00:00:00Z,2024-05-11T00:00:00Z\na,2024-05-02T06:00:00Z,,,\na,2024-05-07T18:00:00Z,,,\n" +
            "b,,window,2024-06-01,2024-06-11\nb,2024-06-03,,,\n");
        var r = CliRunner.Run("fit", "--family", "poisson", "--events", path, "--time-unit", "days", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3.0 / 20, Param(r.Json(), "rate").GetProperty("estimate").GetDouble(), 1e-12);
        Assert.Equal("days", r.Json().GetProperty("timeUnit").GetString());
        AssertUserError(CliRunner.Run("fit", "--family", "poisson", "--events", path, "--time-unit", "weeks"),
            "--time-unit: unknown unit 'weeks'; allowed: seconds, minutes, hours, days");
    }
}
