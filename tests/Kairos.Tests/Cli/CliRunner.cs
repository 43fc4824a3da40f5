using System.Text.Json;
using Kairos.Cli;

namespace Kairos.Tests.Cli;

/// <summary>Runs the `kairos` CLI in process and captures its streams.</summary>
public static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json() => JsonDocument.Parse(Stdout).RootElement;
    }

    /// <summary>The same run as a tuple, for tests that deconstruct (code, stdout, stderr).</summary>
    public static (int Code, string Out, string Err) RunTuple(params string[] args)
    {
        var r = Run(args);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }

    public static Outcome Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = KairosCli.Run(args, new CliIO(stdout, stderr, interactive: false));
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }
}
