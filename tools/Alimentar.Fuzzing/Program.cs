using SharpFuzz;

namespace Alimentar.Fuzzing;

/// <summary>
/// <c>seeds DIR</c> writes the starting inputs; <c>parquet</c>, <c>arrow</c> or <c>delta</c> runs under AFL++ (see
/// fuzz.sh), one input at a time; <c>repro parquet|arrow|delta FILE...</c> reads saved inputs in an uninstrumented build
/// and says how each ends.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["seeds", string directory]:
                await FuzzSeeds.WriteAsync(Path.Combine(directory, "parquet"), Path.Combine(directory, "arrow"));
                FuzzDeltaTables.WriteSeeds(Path.Combine(directory, "delta"));
                return 0;
            case [string format] when Target(format) is FuzzTarget target:
                string work = Directory.CreateTempSubdirectory("alimentar-fuzz-").FullName;
                Fuzzer.OutOfProcess.Run(input =>
                {
                    using var copy = new MemoryStream();
                    input.CopyTo(copy);
                    FuzzTargets.Run(copy.ToArray(), target, work, log: null);
                });
                return 0;
            case ["repro", string format, .. var files] when files.Length > 0 && Target(format) is FuzzTarget target:
                string scratch = Directory.CreateTempSubdirectory("alimentar-fuzz-repro-").FullName;
                foreach (string file in files)
                {
                    Console.WriteLine(file);
                    try
                    {
                        FuzzTargets.Run(File.ReadAllBytes(file), target, scratch, Console.Out);
                    }
                    catch (Exception error)
                    {
                        Console.WriteLine($"CRASH: {error}");
                    }
                }

                return 0;
            default:
                Console.Error.WriteLine("usage: seeds DIR | parquet | arrow | delta | repro parquet|arrow|delta FILE...");
                return 2;
        }
    }

    private static FuzzTarget? Target(string name) => name switch
    {
        "parquet" => FuzzTarget.Parquet,
        "arrow" => FuzzTarget.Arrow,
        "delta" => FuzzTarget.Delta,
        _ => null,
    };
}
