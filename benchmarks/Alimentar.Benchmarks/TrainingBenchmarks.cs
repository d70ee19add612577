using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// What a training loop pays over a plain pass on the same file (2M rows in 64k-row groups, written by Arrow C++):
/// a unit shuffle (row groups permuted), a row shuffle (the default window of 32,768 rows over 8 lanes) and a
/// larger window; how long a resume at 90% of the epoch takes against a full pass; and the first pass under
/// <see cref="ErrorPolicy.SkipFile"/>, which reads every page once to check it before handing out a row.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private string _path = string.Empty;
    private StreamingState _atNinetyPercent = new();

    [Params(2_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void WriteFile()
    {
        _path = BenchmarkFiles.RidesFromArrow(Rows, rowGroupSize: 65_536);
        using StreamingDataset<Ride> streaming = Open().WithShuffle(7);
        _atNinetyPercent = streaming.GetState() with { RowsConsumed = streaming.TotalRows * 9 / 10 };
    }

    [Benchmark(Baseline = true, Description = "plain pass")]
    public long Plain() => Sum(Open());

    [Benchmark(Description = "units shuffled (window of 1 row)")]
    public long UnitsShuffled() => Sum(Open().WithShuffle(7, windowRows: 1, lanes: 1));

    [Benchmark(Description = "rows shuffled (default window: 32,768 rows, 8 lanes)")]
    public long RowsShuffled() => Sum(Open().WithShuffle(7));

    [Benchmark(Description = "rows shuffled (262,144-row window, 16 lanes)")]
    public long RowsShuffledLargeWindow() => Sum(Open().WithShuffle(7, windowRows: 262_144, lanes: 16));

    [Benchmark(Description = "resume at 90% of a shuffled epoch")]
    public long ResumeAtNinetyPercent() => Sum(Open().WithShuffle(7).ResumeFrom(_atNinetyPercent));

    [Benchmark(Description = "first shuffled pass under SkipFile (pages checked)")]
    public long SkipFileFirstPass() => Sum(Open().WithShuffle(7).WithErrorPolicy(ErrorPolicy.SkipFile));

    [Benchmark(Description = "shuffled pass under SkipFile, footers checked only")]
    public long SkipFileFootersOnly() => Sum(Open().WithShuffle(7).WithErrorPolicy(ErrorPolicy.SkipFile, FileCheck.Footer));

    private StreamingDataset<Ride> Open() => new(new ParquetSource<Ride>(_path), bufferSize: 4);

    private static long Sum(StreamingDataset<Ride> streaming)
    {
        using (streaming)
        {
            long sum = 0;
            foreach (Ride ride in streaming.Rows())
            {
                sum += ride.UserId + ride.Label.Length;
            }

            return sum;
        }
    }
}
