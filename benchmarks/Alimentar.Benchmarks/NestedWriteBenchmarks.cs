using BenchmarkDotNet.Attributes;
using Parquet;
using Parquet.Serialization;

namespace Alimentar.Benchmarks;

/// <summary>
/// Writes 500,000 rows of the nested suite's baskets (a list of structs, a map and a list of lists per row), built
/// before timing from the file that suite reads: Alimentar's page writer from typed rows, and Parquet.Net's
/// ParquetSerializer from the same rows as classes (the one .NET writer that takes nested objects); Snappy.
/// </summary>
[MemoryDiagnoser]
public class NestedWriteBenchmarks
{
    private const int Rows = 500_000;

    private Basket[] _baskets = [];
    private BasketPoco[] _pocos = [];
    private string _path = string.Empty;

    [GlobalSetup]
    public void ReadRows()
    {
        string file = NestedReadBenchmarks.File();
        using (var baskets = new StreamingDataset<Basket>(new ParquetSource<Basket>(file)))
        {
            _baskets = [.. baskets.Rows().Take(Rows)];
        }

        _pocos = [.. Readers.ParquetSerializerRowGroups<BasketPoco>(file).Take(Rows)];
        _path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-nested-write-{Guid.NewGuid():N}.parquet");
    }

    [GlobalCleanup]
    public void Delete() => File.Delete(_path);

    [Benchmark(Baseline = true, Description = "Alimentar: 500k baskets")]
    public async Task Alimentar()
    {
        await using ParquetDatasetWriter<Basket> writer = await ParquetDatasetWriter<Basket>.CreateAsync(_path);
        await writer.WriteAsync(_baskets);
    }

    [Benchmark(Description = "Parquet.Net ParquetSerializer: 500k baskets")]
    public Task ParquetNet() => ParquetSerializer.SerializeAsync(_pocos, _path, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy, RowGroupSize = 1_000_000 });
}
