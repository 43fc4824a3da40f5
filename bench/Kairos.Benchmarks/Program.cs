using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Kairos.Benchmarks -- --filter '*Tpprl*'` (BenchmarkSwitcher picks classes).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
