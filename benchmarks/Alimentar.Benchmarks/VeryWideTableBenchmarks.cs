using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// A very wide numeric table, every column read: 1,000 DOUBLE columns of 100,000 rows as Arrow C++ writes them (Snappy,
/// one row group). One batch holds 1,000 column arrays, and the batches in flight several thousand of one size: what
/// the column pool keeps decides whether a pass allocates its batches afresh. Read by Alimentar's typed columns at
/// default settings and by ParquetSharp's column readers (Arrow C++), 16,384 values per read with all columns in step.
/// </summary>
[MemoryDiagnoser]
public class VeryWideTableBenchmarks
{
    private const int Rows = 100_000;
    private const int Columns = 1_000;
    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile() => _path = WideTableFiles.Write(Columns, Rows, c => $"V{c:D3}");

    [Benchmark(Baseline = true, Description = "Alimentar typed columns (1,000 doubles, default batch and buffer)")]
    public double AlimentarColumns()
    {
        using var streaming = new StreamingDataset<VeryWideRow>(new ParquetSource<VeryWideRow>(_path));
        double sum = 0;
        foreach (Batch<VeryWideRow> batch in streaming)
        {
            using (batch)
            {
                sum += VeryWideRowColumns.SumAll(batch);
            }
        }

        return sum;
    }

    [Benchmark(Description = "ParquetSharp LogicalColumnReaders (1,000 doubles)")]
    public double ParquetSharpColumns() => WideTableFiles.SumWithParquetSharp(_path, Columns, valuesPerRead: 16_384);
}
