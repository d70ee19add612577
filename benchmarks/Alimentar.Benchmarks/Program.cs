using Alimentar.Benchmarks;
using BenchmarkDotNet.Running;

// Timed suites:            dotnet run -c Release --project benchmarks/Alimentar.Benchmarks -- --filter '*'
// Peak memory per reader:  dotnet run -c Release --project benchmarks/Alimentar.Benchmarks -- memory [rows] [rowGroupSize]
//                          dotnet run -c Release --project benchmarks/Alimentar.Benchmarks -- memory tokens [rows]
//                          dotnet run -c Release --project benchmarks/Alimentar.Benchmarks -- memory embeddings [rows]
//                          dotnet run -c Release --project benchmarks/Alimentar.Benchmarks -- memory text [documents]
// Object storage:          dotnet run -c Release --project benchmarks/Alimentar.Benchmarks -- storage [latencyMs] [rows]
// Written file sizes:      dotnet run -c Release --project benchmarks/Alimentar.Benchmarks -- sizes
// 1 to N cores, cold/warm: dotnet run -c Release --project benchmarks/Alimentar.Benchmarks -- cores [rows]
return args switch
{
    ["memory", ..] => MemoryRunner.Run(args),
    ["storage", ..] => StorageRunner.Run(args),
    ["sizes"] => WriteSizeRunner.Run(),
    ["cores", ..] => ScalingRunner.Run(args),
    ["cores-child", string workload, string path] => ScalingRunner.Child(workload, path),
    ["read", string reader, string path] => MemoryRunner.Read(reader, path),
    ["tokens", string reader, string path] => MemoryRunner.ReadTokens(reader, path),
    ["embeddings", string reader, string path] => MemoryRunner.ReadEmbeddings(reader, path),
    ["text", string reader, string path] => MemoryRunner.ReadText(reader, path),
    _ => RunSuites(args),
};

static int RunSuites(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
