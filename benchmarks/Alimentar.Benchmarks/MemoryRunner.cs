using System.Diagnostics;

namespace Alimentar.Benchmarks;

/// <summary>
/// Peak working set per reader, each in a fresh process of its own, on one file: what a user sees in a
/// container's memory limit. <c>-- memory [rows] [rowGroupSize]</c> prints a table (<c>-- memory tokens [rows]</c> for the token-list file, <c>-- memory embeddings [rows]</c> for the embeddings, <c>-- memory text [documents]</c> for the text corpus); the default is the
/// 12M-row file with 4M-row row groups that Arrow C++ writes with pages of about 1 MB.
/// </summary>
public static class MemoryRunner
{
    public static int Run(string[] args)
    {
        if (args is [_, "tokens", ..])
        {
            return RunAll(TokenReaders.All.Keys, "tokens", TokenReaders.File(args.Length > 2 ? int.Parse(args[2]) : 100_000));
        }

        if (args is [_, "text", ..])
        {
            return RunAll(TextReaders.All.Keys, "text", TextReaders.File(args.Length > 2 ? int.Parse(args[2]) : 50_000));
        }

        if (args is [_, "embeddings", ..])
        {
            return RunAll(EmbeddingReaders.All.Keys, "embeddings", EmbeddingReaders.File(args.Length > 2 ? int.Parse(args[2]) : 100_000));
        }

        int rows = args.Length > 1 ? int.Parse(args[1]) : 12_000_000;
        int rowGroupSize = args.Length > 2 ? int.Parse(args[2]) : 4_000_000;
        string path = BenchmarkFiles.RidesFromArrow(rows, rowGroupSize);
        Console.WriteLine($"{rows:N0} rows in row groups of {rowGroupSize:N0}, written by Arrow C++ (ParquetSharp), Snappy: {path} ({new FileInfo(path).Length / 1_048_576.0:N0} MB)");
        return RunAll(Readers.All.Keys, "read", path);
    }

    /// <summary>Runs each reader in a fresh process on <paramref name="path"/> and prints a table of their time and peak memory.</summary>
    private static int RunAll(IEnumerable<string> readers, string mode, string path)
    {
        Console.WriteLine($"{path} ({new FileInfo(path).Length / 1_048_576.0:N0} MB)");
        Console.WriteLine();
        Console.WriteLine("| reader | time | peak working set |");
        Console.WriteLine("|---|---:|---:|");
        foreach (string reader in readers)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                start.ArgumentList.Add(typeof(MemoryRunner).Assembly.Location);
            }

            start.ArgumentList.Add(mode);
            start.ArgumentList.Add(reader);
            start.ArgumentList.Add(path);
            using Process child = Process.Start(start)!;
            string output = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            Console.WriteLine(child.ExitCode == 0 ? output : $"| {reader} | failed (exit {child.ExitCode}) | |");
        }

        return 0;
    }

    /// <summary>The child: reads the file once with one reader and prints a table row.</summary>
    public static int Read(string reader, string path) => Read(Readers.All[reader], reader, path);

    /// <summary>The child of the token-list table.</summary>
    public static int ReadTokens(string reader, string path) => Read(TokenReaders.All[reader], reader, path);

    /// <summary>The child of the text table.</summary>
    public static int ReadText(string reader, string path) => Read(TextReaders.All[reader], reader, path);

    /// <summary>The child of the embeddings table.</summary>
    public static int ReadEmbeddings(string reader, string path) => Read(EmbeddingReaders.All[reader], reader, path);

    private static int Read(Func<string, double> read, string reader, string path)
    {
        var clock = Stopwatch.StartNew();
        double checksum = read(path);
        double seconds = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(checksum);
        Console.WriteLine($"| {reader} | {seconds:N2} s | {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:N0} MB |");
        return 0;
    }
}
