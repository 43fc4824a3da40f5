using Kairos.Cli;
using Kairos.Cli.Commands;

if (MallocArenas.RestartVariables(args, Environment.GetEnvironmentVariable) is { Count: > 0 } restart) MallocArenas.Restart(restart);
return KairosCli.Run(args, CliIO.FromConsole());
