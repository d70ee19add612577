using SharpFuzz;

namespace Alimentar.Fuzzing;

/// <summary>
/// <c>seeds DIR</c> writes the starting inputs; <c>parquet</c> or <c>arrow</c> runs under AFL++ (see fuzz.sh), one input
/// at a time; <c>repro parquet|arrow FILE...</c> reads saved inputs in an uninstrumented build and says how each ends.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["seeds", string directory]:
                await FuzzSeeds.WriteAsync(Path.Combine(directory, "parquet"), Path.Combine(directory, "arrow"));
                return 0;
            case [("parquet" or "arrow") and string format]:
                string work = Directory.CreateTempSubdirectory("alimentar-fuzz-").FullName;
                Fuzzer.OutOfProcess.Run(input =>
                {
                    using var copy = new MemoryStream();
                    input.CopyTo(copy);
                    FuzzTargets.Run(copy.ToArray(), format == "arrow", work, log: null);
                });
                return 0;
            case ["repro", ("parquet" or "arrow") and string format, .. var files] when files.Length > 0:
                string scratch = Directory.CreateTempSubdirectory("alimentar-fuzz-repro-").FullName;
                foreach (string file in files)
                {
                    Console.WriteLine(file);
                    try
                    {
                        FuzzTargets.Run(File.ReadAllBytes(file), format == "arrow", scratch, Console.Out);
                    }
                    catch (Exception error)
                    {
                        Console.WriteLine($"CRASH: {error}");
                    }
                }

                return 0;
            default:
                Console.Error.WriteLine("usage: seeds DIR | parquet | arrow | repro parquet|arrow FILE...");
                return 2;
        }
    }
}
