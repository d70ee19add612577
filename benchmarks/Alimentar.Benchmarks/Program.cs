using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Alimentar.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
