namespace Alimentar.Fuzzing;

/// <summary>
/// What one input is put through, and what it may do: every read ends, or fails with an <see cref="AlimentarException"/>
/// naming the file (for a Delta log, its table), allocating no more than a bounded multiple of the input. Anything else
/// escapes, and the fuzzer records the input as a crash; a read that does not end is recorded as a hang.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>The name every input is read under, which each error must carry.</summary>
    public const string FileName = "fuzz-input.bin";

    /// <summary>The folder the Delta target's table is made in, below the run's directory; every error about it names it.</summary>
    public const string TableName = "fuzz-table";

    /// <summary>Reads <paramref name="bytes"/> as <paramref name="target"/> says, every way the library reads one.</summary>
    /// <param name="bytes">The input.</param>
    /// <param name="target">What the input is.</param>
    /// <param name="directory">Where the input is written for the readers that take a path; the same for every input of a run.</param>
    /// <param name="log">Where each read's outcome is written, or null.</param>
    public static void Run(byte[] bytes, FuzzTarget target, string directory, TextWriter? log)
    {
        long bound = (512L << 20) + (bytes.Length * 64L);
        string path = target == FuzzTarget.Delta ? DeltaLogFile(directory, bytes) : Path.Combine(directory, FileName);
        File.WriteAllBytes(path, bytes);
        var reads = target switch
        {
            FuzzTarget.Arrow => ArrowReads(path, bytes),
            FuzzTarget.Delta => DeltaReads(directory),
            _ => ParquetReads(path),
        };
        string named = target == FuzzTarget.Delta ? TableName : FileName;
        foreach ((string name, Action read) in reads)
        {
            Guard(name, read, bound, named, log);
        }
    }

    /// <summary>
    /// Where the Delta target's input goes, as the log's only file: a Parquet input is a checkpoint (a log cleaned up to
    /// it), anything else a commit. The first input of a run makes the table around it.
    /// </summary>
    private static string DeltaLogFile(string directory, byte[] bytes)
    {
        string table = Path.Combine(directory, TableName);
        if (!Directory.Exists(table))
        {
            FuzzDeltaTables.CopyFiles(table);
        }

        string commit = Path.Combine(table, "_delta_log", $"{0:D20}.json");
        string checkpoint = Path.Combine(table, "_delta_log", $"{0:D20}.checkpoint.parquet");
        File.Delete(commit);
        File.Delete(checkpoint);
        return bytes.AsSpan().StartsWith("PAR1"u8) ? checkpoint : commit;
    }

    private static IEnumerable<(string, Action)> ParquetReads(string path)
    {
        yield return ("rows", () => Drain(new StreamingDataset<FuzzRow>(new ParquetSource<FuzzRow>(path).BatchSize(64), bufferSize: 2)));
        yield return ("filtered", () => Drain(new StreamingDataset<FuzzRow>(
            new ParquetSource<FuzzRow>(path).BatchSize(7).VerifyPageChecksums().Where(r => r.Id >= 10 && r.Name == "n3" && r.Reading < 0.5), bufferSize: 2)));
        yield return ("shuffled", () => Drain(new StreamingDataset<FuzzRow>(new ParquetSource<FuzzRow>(path).BatchSize(5), bufferSize: 2).WithShuffle(seed: 3, windowRows: 5, lanes: 2)));
        yield return ("inspect", () => ParquetFileInfo.ReadAsync(path).GetAwaiter().GetResult().ScaffoldRowType("Row"));
        yield return ("scan", () => ParquetFileInfo.ScanAsync(path, headRows: 100).GetAwaiter().GetResult());
        yield return ("explain", () =>
        {
            try
            {
                ParquetFileInfo.ExplainAsync(path, "Id >= 10 && Name == \"n3\"").GetAwaiter().GetResult();
            }
            catch (FormatException)
            {
                // The documented answer when damage renamed or retyped a column the filter names: not a filter over this file.
            }
        });
    }

    private static IEnumerable<(string, Action)> ArrowReads(string path, byte[] bytes)
    {
        yield return ("rows", () => Drain(new StreamingDataset<FuzzRow>(new ArrowSource<FuzzRow>(path), bufferSize: 2)));
        yield return ("shuffled", () => Drain(new StreamingDataset<FuzzRow>(new ArrowSource<FuzzRow>(path), bufferSize: 2).WithShuffle(seed: 3, windowRows: 5, lanes: 2)));
        yield return ("one-pass stream", () => Drain(new StreamingDataset<FuzzRow>(new ArrowSource<FuzzRow>(new UnseekableStream(bytes), FileName), bufferSize: 2)));
    }

    private static IEnumerable<(string, Action)> DeltaReads(string directory)
    {
        string table = Path.Combine(directory, TableName);
        yield return ("rows", () => Drain(ParquetSource<FuzzDeltaRow>.FromDirectory(table, configure: s => s.MissingColumnsAsNull().BatchSize(3))));
        yield return ("filtered", () => Drain(ParquetSource<FuzzDeltaRow>.FromDirectory(table, configure: s => s.MissingColumnsAsNull().Where(r => r.Id > 3 || r.Value < 5 || r.Name == "Mallory"))));
        yield return ("store", () => Drain(ParquetSource<FuzzDeltaRow>.FromStore(new LocalObjectStore(directory), TableName + "/", s => s.MissingColumnsAsNull())));
        yield return ("files", () =>
        {
            foreach (DeltaTableFile file in DeltaTable.Files(table))
            {
                ParquetFileInfo.ScanAsync(file, headRows: 100).GetAwaiter().GetResult();
            }
        });
        yield return ("version at", () => DeltaTable.VersionAt(table, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    private static void Guard(string name, Action read, long bound, string named, TextWriter? log)
    {
        long residentBefore = PeakResident.Reset();
        long before = GC.GetTotalAllocatedBytes();
        string outcome = "read to the end";
        try
        {
            read();
        }
        catch (AlimentarException error) when (error.Message.Contains(named, StringComparison.Ordinal))
        {
            // ALIMENTAR_FUZZ_STACKS=1 prints where the failure was raised, which the message alone does not say.
            outcome = Environment.GetEnvironmentVariable("ALIMENTAR_FUZZ_STACKS") == "1" ? error.ToString() : $"{error.GetType().Name}: {error.Message}";
        }

        long allocated = GC.GetTotalAllocatedBytes() - before;
        long grown = PeakResident.Read() - residentBefore;
        log?.WriteLine($"{name}: {allocated:N0} bytes allocated, resident peak {grown:N0} bytes above its start, {outcome}");
        if (allocated > bound)
        {
            throw new InvalidOperationException($"{name} allocated {allocated:N0} bytes, more than the bound of {bound:N0} for this input");
        }

        if (grown > bound)
        {
            throw new InvalidOperationException($"{name} grew the process by {grown:N0} bytes at its peak, more than the bound of {bound:N0} for this input");
        }
    }

    private static void Drain<T>(StreamingDataset<T> dataset)
        where T : IStreamingRow<T>
    {
        using (dataset)
        {
            foreach (T row in dataset.Rows())
            {
                GC.KeepAlive(row);
            }
        }
    }

    private static void Drain<T>(IBatchSource<T> source)
        where T : IStreamingRow<T> => Drain(new StreamingDataset<T>(source, bufferSize: 2));

    /// <summary>The input as a stream that cannot seek: how a pipe or a network body reaches <see cref="ArrowSource{T}"/>.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
