using System.Diagnostics;

namespace Alimentar.Benchmarks;

/// <summary>
/// One pass's time on 1, 2, … cores, each in a fresh process held to that many cores (processor affinity, and
/// <c>DOTNET_PROCESSOR_COUNT</c> so the runtime sizes its pools to match): the first pass (cold: JIT, first touch of
/// memory) and the median of the next four (warm). <c>-- cores [rows]</c> prints the table and, from the 1- and
/// 2-core figures, what Amdahl's law makes of 8 cores: an estimate, not a measurement.
/// </summary>
public static class ScalingRunner
{
    private const int WarmPasses = 4;

    private static readonly string[] Workloads = ["alimentar-rows", "alimentar-columns", "alimentar-write"];

    public static int Run(string[] args)
    {
        int rows = args.Length > 1 ? int.Parse(args[1]) : 5_000_000;
        string path = BenchmarkFiles.RidesFromArrow(rows);
        Console.WriteLine($"QuickStart file: {rows:N0} rows, 1M-row row groups, Arrow C++ writer, Snappy ({new FileInfo(path).Length / 1_048_576.0:N0} MB); this machine has {Environment.ProcessorCount} cores.");
        Console.WriteLine();
        Console.WriteLine("| workload | cores | cold (first pass) | warm (median of 4) | cold / warm | JIT in the first pass | GC pauses in a warm pass |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var estimates = new List<string>();
        foreach (string workload in Workloads)
        {
            var warm = new Dictionary<int, double>();
            for (int cores = 1; cores <= Environment.ProcessorCount; cores++)
            {
                ChildTimes? measured = RunChild(workload, path, cores);
                if (measured is not { } times)
                {
                    Console.WriteLine($"| {workload} | {cores} | failed | | | | |");
                    continue;
                }

                warm[cores] = times.Warm;
                Console.WriteLine($"| {workload} | {cores} | {times.Cold * 1000:N0} ms | {times.Warm * 1000:N0} ms | {times.Cold / times.Warm:N2} | {times.Jit * 1000:N0} ms | {times.GcPause * 1000:N0} ms ({times.Gen0:N0} gen0) |");
            }

            if (warm.TryGetValue(1, out double one) && warm.TryGetValue(2, out double two) && two <= one / 2)
            {
                // Twice as fast or more on two cores is not Amdahl's law but a slowed one-core run (a noisy core, the
                // collector with one heap): no estimate is better than a wrong one.
                estimates.Add($"- {workload}: {one / two:N1}x from one core to two, more than two cores can give; too noisy to estimate 8.");
            }
            else if (warm.TryGetValue(1, out one) && warm.TryGetValue(2, out two))
            {
                // Amdahl: T(n) = T(1) * (serial + parallel / n), with the parallel share from the 1- and 2-core times.
                double parallel = Math.Clamp(2 * (1 - (two / one)), 0, 1);
                double eight = one * (1 - parallel + (parallel / 8));
                estimates.Add($"- {workload}: {parallel:P0} of a pass runs in parallel, so 8 cores would take about {eight * 1000:N0} ms ({one / eight:N1}x one core).");
            }
        }

        Console.WriteLine();
        Console.WriteLine("Estimated for 8 cores (Amdahl's law from the 1- and 2-core warm times):");
        estimates.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>
    /// The child: one workload, a cold pass then the warm ones; prints "cold warm jit pause gen0", times in seconds (jit:
    /// compiling during the cold pass, on any thread; pause and gen0: the collector's pauses and youngest-generation
    /// collections per warm pass, on average). Every collection stops the threads still running managed code, which
    /// costs far more than the collection itself where stopping a thread is slow (a VM).
    /// </summary>
    public static int Child(string workload, string path)
    {
        Func<double> pass = workload switch
        {
            "alimentar-rows" => () => Readers.AlimentarRows(path),
            "alimentar-columns" => () => Readers.AlimentarColumns(path),
            "alimentar-write" => WritePass(path),
            _ => throw new ArgumentException($"Unknown workload '{workload}'.", nameof(workload)),
        };

        TimeSpan jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        double cold = Time(pass);
        double jit = (System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalSeconds;
        TimeSpan pauseBefore = GC.GetTotalPauseDuration();
        int gen0Before = GC.CollectionCount(0);
        double[] warm = Enumerable.Range(0, WarmPasses).Select(_ => Time(pass)).Order().ToArray();
        double pause = (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds / WarmPasses;
        double gen0 = (GC.CollectionCount(0) - gen0Before) / (double)WarmPasses;
        Console.WriteLine(FormattableString.Invariant($"{cold} {(warm[(WarmPasses - 1) / 2] + warm[WarmPasses / 2]) / 2} {jit} {pause} {gen0}"));
        return 0;
    }

    /// <summary>Writes the file's rows back with Alimentar's writer; the rows are read before timing starts.</summary>
    private static Func<double> WritePass(string path)
    {
        Ride[] rides;
        using (var streaming = new StreamingDataset<Ride>(new ParquetSource<Ride>(path), bufferSize: 4))
        {
            rides = [.. streaming.Rows()];
        }

        string output = Path.Combine(Path.GetTempPath(), $"alimentar-scaling-{Environment.ProcessId}.parquet");
        return () =>
        {
            WriteWorkloads.AlimentarAsync(output, rides, ParquetCompression.Snappy).GetAwaiter().GetResult();
            long length = new FileInfo(output).Length;
            File.Delete(output);
            return length;
        };
    }

    private static double Time(Func<double> pass)
    {
        var clock = Stopwatch.StartNew();
        GC.KeepAlive(pass());
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Starts the child held to the last <paramref name="cores"/> cores from its first instruction: a child inherits
    /// the affinity of the thread that starts it, where setting the child's afterwards would miss the runtime's
    /// own threads, made at start-up.
    /// </summary>
    private static Process StartOnCores(ProcessStartInfo start, int cores)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            return Process.Start(start)!;
        }

        using Process self = Process.GetCurrentProcess();
        nint all = self.ProcessorAffinity;
        // The last cores, not the first: the first takes most of the machine's interrupts, which on a small VM
        // made one-core passes vary twofold.
        self.ProcessorAffinity = (nint)(((1L << cores) - 1) << (Environment.ProcessorCount - cores));
        try
        {
            return Process.Start(start)!;
        }
        finally
        {
            self.ProcessorAffinity = all;
        }
    }

    private readonly record struct ChildTimes(double Cold, double Warm, double Jit, double GcPause, double Gen0);

    private static ChildTimes? RunChild(string workload, string path, int cores)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScalingRunner).Assembly.Location);
        }

        start.ArgumentList.Add("cores-child");
        start.ArgumentList.Add(workload);
        start.ArgumentList.Add(path);
        start.Environment["DOTNET_PROCESSOR_COUNT"] = cores.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using Process child = StartOnCores(start, cores);
        string output = child.StandardOutput.ReadToEnd().Trim();
        child.WaitForExit();
        double[] parts = child.ExitCode == 0 ? output.Split(' ').Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [];
        return parts.Length == 5 ? new ChildTimes(parts[0], parts[1], parts[2], parts[3], parts[4]) : null;
    }
}
