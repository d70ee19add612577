using BenchmarkDotNet.Attributes;

namespace Alimentar.Benchmarks;

/// <summary>
/// Writes the token lists (100,000 documents of 256–2,048 int32) and the embeddings (100,000 × 768 floats) the list
/// read suites read, from rows built before timing: Alimentar's page writer from typed rows, and ParquetSharp (Arrow
/// C++'s writer) from an array per row, in row groups of about Alimentar's 128 MiB; Snappy.
/// </summary>
[MemoryDiagnoser]
public class ListWriteBenchmarks
{
    private TokenizedDocument[] _tokens = [];
    private EmbeddedDocument[] _embeddings = [];
    private string _path = string.Empty;

    [GlobalSetup]
    public void ReadRows()
    {
        using (var tokens = new StreamingDataset<TokenizedDocument>(new ParquetSource<TokenizedDocument>(TokenReaders.File())))
        {
            _tokens = [.. tokens.Rows()];
        }

        using (var embeddings = new StreamingDataset<EmbeddedDocument>(new ParquetSource<EmbeddedDocument>(EmbeddingReaders.File())))
        {
            _embeddings = [.. embeddings.Rows()];
        }

        _path = Path.Combine(Path.GetTempPath(), $"alimentar-bench-list-write-{Guid.NewGuid():N}.parquet");
    }

    [GlobalCleanup]
    public void Delete() => File.Delete(_path);

    [Benchmark(Baseline = true, Description = "Alimentar: token lists")]
    public Task AlimentarTokens() => WriteAsync(_tokens);

    [Benchmark(Description = "ParquetSharp (Arrow C++): token lists, int[] per row")]
    public void ParquetSharpTokens() => ParquetSharpLists(_tokens, "Tokens", d => d.Tokens, rowsPerGroup: 25_000);

    [Benchmark(Description = "Alimentar: embeddings")]
    public Task AlimentarEmbeddings() => WriteAsync(_embeddings);

    [Benchmark(Description = "ParquetSharp (Arrow C++): embeddings, float[] per row")]
    public void ParquetSharpEmbeddings() => ParquetSharpLists(_embeddings, "Embedding", d => d.Embedding, rowsPerGroup: 40_000);

    private async Task WriteAsync<T>(T[] rows)
        where T : IStreamingRow<T>
    {
        await using ParquetDatasetWriter<T> writer = await ParquetDatasetWriter<T>.CreateAsync(_path);
        await writer.WriteAsync(rows);
    }

    private void ParquetSharpLists<TRow, TValue>(TRow[] rows, string name, Func<TRow, TValue[]> list, int rowsPerGroup)
    {
        var schema = new ParquetSharp.Column[] { new ParquetSharp.Column<long>("Id"), new ParquetSharp.Column<TValue[]>(name) };
        using ParquetSharp.WriterProperties properties = new ParquetSharp.WriterPropertiesBuilder().Compression(ParquetSharp.Compression.Snappy).Build();
        using var writer = new ParquetSharp.ParquetFileWriter(_path, schema, properties);
        var ids = new long[rowsPerGroup];
        var lists = new TValue[rowsPerGroup][];
        for (int first = 0; first < rows.Length; first += rowsPerGroup)
        {
            int count = Math.Min(rowsPerGroup, rows.Length - first);
            for (int i = 0; i < count; i++)
            {
                ids[i] = first + i;
                lists[i] = list(rows[first + i]);
            }

            using ParquetSharp.RowGroupWriter rowGroup = writer.AppendRowGroup();
            using (ParquetSharp.LogicalColumnWriter<long> idWriter = rowGroup.NextColumn().LogicalWriter<long>())
            {
                idWriter.WriteBatch(ids, 0, count);
            }

            using ParquetSharp.LogicalColumnWriter<TValue[]> listWriter = rowGroup.NextColumn().LogicalWriter<TValue[]>();
            listWriter.WriteBatch(lists, 0, count);
        }

        writer.Close();
    }
}
