using Kairos.Cli;
using Kairos.Cli.Commands;

if (MallocArenas.Wanted(args, Environment.GetEnvironmentVariable(MallocArenas.Variable))) MallocArenas.RestartCapped();
return KairosCli.Run(args, CliIO.FromConsole());
