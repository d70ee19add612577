using System.Diagnostics;
using System.Globalization;

namespace Alimentar.NativeAot;

/// <summary>
/// How much slower a process's first pass over a file is than its later ones. Published ahead of time there is
/// nothing to compile at run time, so what is left is first touch of memory and of the file's pages; under the JIT
/// (<c>dotnet run</c>) the same program shows what compiling costs. Each workload runs in fresh processes of this
/// program: <c>Alimentar.NativeAot first-pass [rows]</c>.
/// </summary>
internal static class FirstPass
{
    private const int LaterPasses = 4;
    private const int Processes = 3;

    public static int Run(string[] args)
    {
        int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000_000;
        string path = Path.Combine(Path.GetTempPath(), $"alimentar-aot-first-pass-{rows}.parquet");
        if (!File.Exists(path))
        {
            Write(path, rows).GetAwaiter().GetResult();
        }

        string compiled = System.Runtime.JitInfo.GetCompiledMethodCount() > 0 ? "JIT" : "NativeAOT";
        Console.WriteLine($"{compiled}: {rows:N0} readings ({new FileInfo(path).Length / 1_048_576.0:N0} MB), {Environment.ProcessorCount} cores; medians of {Processes} fresh processes");
        Console.WriteLine("| workload | first pass | later passes (median of 4) | first / later |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (string workload in new[] { "rows", "columns" })
        {
            var first = new List<double>();
            var later = new List<double>();
            for (int run = 0; run < Processes; run++)
            {
                (double cold, double warm) = RunChild(workload, path);
                first.Add(cold);
                later.Add(warm);
            }

            double firstMedian = Median(first);
            double laterMedian = Median(later);
            Console.WriteLine($"| typed {workload} | {firstMedian:N0} ms | {laterMedian:N0} ms | {firstMedian / laterMedian:N2} |");
        }

        return 0;
    }

    /// <summary>Writes the file the workloads read, <paramref name="rows"/> readings, to <paramref name="path"/>, and prints its path.</summary>
    public static int WriteFile(string path, int rows)
    {
        Write(path, rows).GetAwaiter().GetResult();
        Console.WriteLine(path);
        return 0;
    }

    /// <summary>The child: one cold pass, then the later ones; prints both in milliseconds.</summary>
    public static int Child(string workload, string path)
    {
        double cold = Time(workload, path);
        var later = new List<double>();
        for (int pass = 0; pass < LaterPasses; pass++)
        {
            later.Add(Time(workload, path));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cold} {Median(later)}"));
        return 0;
    }

    private static double Time(string workload, string path)
    {
        var clock = Stopwatch.StartNew();
        using var streaming = new StreamingDataset<Reading>(new ParquetSource<Reading>(path), bufferSize: 4);
        double sum = 0;
        if (workload == "rows")
        {
            foreach (Reading reading in streaming.Rows())
            {
                sum += reading.Sensor.Length + reading.Flags.Length + (reading.Celsius ?? 0);
            }
        }
        else
        {
            foreach (Batch<Reading> batch in streaming)
            {
                using (batch)
                {
                    foreach (double? celsius in batch.Celsius)
                    {
                        sum += celsius ?? 0;
                    }

                    foreach (string sensor in batch.Sensor)
                    {
                        sum += sensor.Length;
                    }
                }
            }
        }

        GC.KeepAlive(sum);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task Write(string path, int rows)
    {
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string[] sensors = ["north", "south", "east", "west"];
        int[][] flags = [[], [1], [2, 3], [4, 5, 6]];
        await ParquetDatasetWriter<Reading>.WriteFileAsync(
            path,
            Enumerable.Range(0, rows).Select(i => new Reading(i, sensors[i % 4], i % 10 == 0 ? null : (i % 4_000) * 0.01, start.AddSeconds(i), flags[i % 7 % 4])),
            rowGroupSize: 1_000_000);
    }

    private static (double Cold, double Warm) RunChild(string workload, string path)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]); // the program's dll, under the JIT
        }

        start.ArgumentList.Add("first-pass-child");
        start.ArgumentList.Add(workload);
        start.ArgumentList.Add(path);
        using Process child = Process.Start(start)!;
        string[] parts = child.StandardOutput.ReadToEnd().Trim().Split(' ');
        child.WaitForExit();
        return child.ExitCode == 0 && parts.Length == 2
            ? (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"The {workload} child failed with exit code {child.ExitCode}.");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return (values[(values.Count - 1) / 2] + values[values.Count / 2]) / 2;
    }
}
