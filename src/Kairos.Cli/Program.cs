using Kairos.Cli;

return KairosCli.Run(args, CliIO.FromConsole());
