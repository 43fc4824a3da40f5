using BenchmarkDotNet.Running;

// Run all or some benchmarks: dotnet run -c Release --project bench/Kairos.Benchmarks -- --filter '*Hawkes*'
BenchmarkSwitcher.FromAssembly(typeof(Kairos.Benchmarks.HawkesLogLikelihoodBenchmarks).Assembly).Run(args);
