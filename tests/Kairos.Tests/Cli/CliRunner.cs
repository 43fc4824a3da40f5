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

    public static Outcome Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = KairosCli.Run(args, new CliIO(stdout, stderr, interactive: false));
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }
}
