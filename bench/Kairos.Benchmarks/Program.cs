// dotnet run -c Release --project bench/Kairos.Benchmarks -- --filter '*'   (or pick classes interactively)
// e.g. --filter '*Hawkes*' for the Hawkes log-likelihood kernels.
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
