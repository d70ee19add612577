using System.Buffers;
using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Alimentar.Benchmarks;

/// <summary>
/// Reads one file of the QuickStart row (5M rows, 1M-row row groups, written by Arrow C++ with Snappy and
/// pages of about 1 MB) every way .NET can: Alimentar rows and typed columns, Parquet.Net's
/// ParquetSerializer (per row group, so it streams too), ParquetSharp's column and row readers, and
/// DuckDB.NET's streaming reader. Each reads every column.
/// </summary>
/// <remarks>
/// Twenty warm-up passes, whatever job runs the suite: under the JIT a pass of this file takes fifteen to twenty passes
/// to reach its steady state (tiered compilation instruments the hot methods, then recompiles them optimised, on the
/// same two cores), and three warm-ups (<c>--job short</c>) measured managed readers half way there. The native
/// readers are steady from the first pass. The first pass itself is measured apart (<c>-- cores</c>). Ten measured
/// iterations, for a mean this VM's noise moves less than three would.
/// </remarks>
[MemoryDiagnoser]
[WarmupCount(20)]
[IterationCount(10)]
public class ReadBenchmarks
{
    private string _path = string.Empty;

    [Params(5_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void WriteFile() => _path = BenchmarkFiles.RidesFromArrow(Rows);

    [Benchmark(Baseline = true, Description = "Alimentar typed rows")]
    public double AlimentarRows() => Readers.AlimentarRows(_path);

    [Benchmark(Description = "Alimentar typed columns")]
    public double AlimentarColumns() => Readers.AlimentarColumns(_path);

    [Benchmark(Description = "Floor: read and decompress every page, decode nothing")]
    public long Floor() => PageFloor.ReadAndDecompress(_path);

    [Benchmark(Description = "ParquetSharp LogicalColumnReaders (64k values per read)")]
    public double ParquetSharpColumns() => Readers.ParquetSharpColumns(_path);

    [Benchmark(Description = "ParquetSharp row reader")]
    public double ParquetSharpRows() => Readers.ParquetSharpRows(_path);

    [Benchmark(Description = "DuckDB.NET streaming reader")]
    public double DuckDbStreaming() => Readers.DuckDbStreaming(_path);

    [Benchmark(Description = "Parquet.Net ParquetSerializer per row group")]
    public double ParquetSerializerRows() => Readers.ParquetSerializerRows(_path);
}
