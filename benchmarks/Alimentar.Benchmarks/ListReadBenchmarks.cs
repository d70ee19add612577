using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>Token lists (100,000 documents of 256–2,048 int32, DuckDB-written, ZSTD): the flat accessor, typed rows, DuckDB.NET, ParquetSharp and Parquet.Net.</summary>
[MemoryDiagnoser]
public class ListReadBenchmarks
{
    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile() => _path = TokenReaders.File();

    [Benchmark(Baseline = true, Description = "Alimentar flat ListColumn<int>")]
    public double AlimentarFlat() => TokenReaders.AlimentarFlat(_path);

    [Benchmark(Description = "Alimentar typed rows (int[] per row)")]
    public double AlimentarRows() => TokenReaders.AlimentarRows(_path);

    [Benchmark(Description = "DuckDB.NET streaming reader")]
    public double DuckDbStreaming() => TokenReaders.DuckDbStreaming(_path);

    [Benchmark(Description = "ParquetSharp LogicalColumnReader<int?[]>")]
    public double ParquetSharpColumns() => TokenReaders.ParquetSharpColumns(_path);

    [Benchmark(Description = "Parquet.Net ParquetSerializer per row group")]
    public double ParquetSerializerRows() => TokenReaders.ParquetSerializerRows(_path);
}

/// <summary>Embeddings (100,000 documents of 768 floats, DuckDB-written, ZSTD): the flat accessor, typed rows, DuckDB.NET, ParquetSharp and Parquet.Net.</summary>
[MemoryDiagnoser]
public class EmbeddingReadBenchmarks
{
    private string _path = string.Empty;

    [GlobalSetup]
    public void WriteFile() => _path = EmbeddingReaders.File();

    [Benchmark(Baseline = true, Description = "Alimentar flat ListColumn<float>")]
    public double AlimentarFlat() => EmbeddingReaders.AlimentarFlat(_path);

    [Benchmark(Description = "Alimentar typed rows (float[] per row)")]
    public double AlimentarRows() => EmbeddingReaders.AlimentarRows(_path);

    [Benchmark(Description = "DuckDB.NET streaming reader")]
    public double DuckDbStreaming() => EmbeddingReaders.DuckDbStreaming(_path);

    [Benchmark(Description = "ParquetSharp LogicalColumnReader<float?[]>")]
    public double ParquetSharpColumns() => EmbeddingReaders.ParquetSharpColumns(_path);

    [Benchmark(Description = "Parquet.Net ParquetSerializer per row group")]
    public double ParquetSerializerRows() => EmbeddingReaders.ParquetSerializerRows(_path);
}
