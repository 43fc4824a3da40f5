// dotnet run -c Release --project bench/Kairos.Benchmarks -- --filter '*'   (or pick classes interactively)
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
