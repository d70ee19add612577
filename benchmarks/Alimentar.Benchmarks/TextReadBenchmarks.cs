using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// A FineWeb-like text corpus (50,000 documents of 0.5–6 KB of prose with an id and a URL, Arrow C++ writer, ZSTD,
/// 10,000-row row groups), every document's text read as a string: Alimentar typed rows and typed columns, DuckDB.NET,
/// ParquetSharp's column readers, Parquet.Net's serializer; and the floor, every page read and decompressed with nothing decoded. Every reader
/// builds the same strings, so the allocation column is the text itself.
/// </summary>
[MemoryDiagnoser]
public class TextReadBenchmarks
{
    private const int Documents = 50_000;
    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile() => _path = TextReaders.File(Documents);

    [Benchmark(Baseline = true, Description = "Alimentar typed rows")]
    public double AlimentarRows() => TextReaders.AlimentarRows(_path);

    [Benchmark(Description = "Alimentar typed columns")]
    public double AlimentarColumns() => TextReaders.AlimentarColumns(_path);

    [Benchmark(Description = "DuckDB.NET streaming reader")]
    public double DuckDbStreaming() => TextReaders.DuckDbStreaming(_path);

    [Benchmark(Description = "ParquetSharp LogicalColumnReader<string>")]
    public double ParquetSharpColumns() => TextReaders.ParquetSharpColumns(_path);

    [Benchmark(Description = "Parquet.Net ParquetSerializer per row group")]
    public double ParquetSerializerRows() => TextReaders.ParquetSerializerRows(_path);

    [Benchmark(Description = "Floor: read and decompress every page, decode nothing")]
    public long Floor() => PageFloor.ReadAndDecompress(_path);
}

/// <summary>A crawled page, as the text suite reads it.</summary>
[StreamingDataset]
public partial record WebPage(long Id, string Url, string Text);
