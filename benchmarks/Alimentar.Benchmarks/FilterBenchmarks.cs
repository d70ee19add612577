using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// A 1% selective predicate on a sorted column of a 20-row-group file (2M rows written by Arrow C++): pushed
/// down with <c>Where</c>, against a full typed scan filtered with LINQ, and against DuckDB.NET's own WHERE on
/// the same file. Each returns the matching rows' checksum; rows/s is 20,000 matching rows over the time.
/// </summary>
[MemoryDiagnoser]
public class FilterBenchmarks
{
    private const long From = 1_000_000, To = 1_020_000;
    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile()
    {
        _path = BenchmarkFiles.RidesFromArrow(2_000_000, rowGroupSize: 100_000);
        FilterExplanation explanation = new ParquetSource<Ride>(_path).Where(r => r.Id >= From && r.Id < To).Explain();
        Console.WriteLine($"// Where reads {explanation.RowsToRead} of {explanation.TotalRows} rows ({explanation.RowGroups.Count(g => g.Kept)} of {explanation.RowGroups.Count} row groups)");
        Console.WriteLine($"// bytes read: Where {BytesRead(s => s.Where(r => r.Id >= From && r.Id < To)):N0}, full scan {BytesRead(s => s):N0}, file {new FileInfo(_path).Length:N0}");
    }

    [Benchmark(Baseline = true, Description = "Alimentar Where (pushed down)")]
    public long PushedDown() => Sum(new ParquetSource<Ride>(_path).Where(r => r.Id >= From && r.Id < To));

    [Benchmark(Description = "Alimentar Where, half the rows (nothing to prune)")]
    public long HalfTheRows() => Sum(new ParquetSource<Ride>(_path).Where(r => r.Score > 0.5f));

    [Benchmark(Description = "Alimentar full scan + LINQ Where")]
    public long FullScanWithLinq()
    {
        long sum = 0;
        foreach (Batch<Ride> batch in ReadAll(new ParquetSource<Ride>(_path)))
        {
            using (batch)
            {
                foreach (Ride ride in batch.Where(r => r.Id >= From && r.Id < To))
                {
                    sum += ride.UserId + ride.Label.Length;
                }
            }
        }

        return sum;
    }

    [Benchmark(Description = "DuckDB.NET WHERE (streaming)")]
    public double DuckDbWhere() => Readers.DuckDbStreaming(_path, $"id >= {From} AND id < {To}");

    /// <summary>The bytes a pass reads from the file, through a local object store (which counts what it fetches).</summary>
    private long BytesRead(Func<ParquetSource<Ride>, ParquetSource<Ride>> configure)
    {
        var store = new CountingStore(new LocalObjectStore(Path.GetDirectoryName(_path)!));
        foreach (Batch<Ride> batch in ReadAll(configure(new ParquetSource<Ride>(store, Path.GetFileName(_path)))))
        {
            batch.Dispose();
        }

        return store.Bytes;
    }

    private sealed class CountingStore(IObjectStore inner) : IObjectStore
    {
        private long _bytes;

        public long Bytes => Interlocked.Read(ref _bytes);

        public string Name => inner.Name;

        public ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

        public ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _bytes, destination.Length);
            return inner.ReadAsync(target, offset, destination, cancellationToken);
        }

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
    }

    private static long Sum(ParquetSource<Ride> source)
    {
        long sum = 0;
        foreach (Batch<Ride> batch in ReadAll(source))
        {
            using (batch)
            {
                foreach (Ride ride in batch)
                {
                    sum += ride.UserId + ride.Label.Length;
                }
            }
        }

        return sum;
    }

    private static IEnumerable<Batch<Ride>> ReadAll(ParquetSource<Ride> source) =>
        source.ReadBatchesAsync().ToBlockingEnumerable();
}
