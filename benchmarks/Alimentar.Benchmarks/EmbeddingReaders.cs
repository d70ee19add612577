namespace Alimentar.Benchmarks;

/// <summary>A document and its embedding: 768 floats, as a sentence-embedding model writes them.</summary>
[StreamingDataset]
public partial record EmbeddedDocument(long Id, float[] Embedding);

/// <summary>
/// Readers of the embedding file, each summing every float so that nothing is optimised away: the flat
/// <see cref="ListColumn{T}"/> accessor (what a tensor is made from), typed rows (a <c>float[]</c> per row), and
/// DuckDB.NET's streaming reader.
/// </summary>
public static class EmbeddingReaders
{
    /// <summary>The floats per embedding.</summary>
    public const int Dimensions = 768;

    /// <summary>The readers by the names the memory runner takes.</summary>
    public static IReadOnlyDictionary<string, Func<string, double>> All { get; } = new Dictionary<string, Func<string, double>>
    {
        ["alimentar-flat"] = AlimentarFlat,
        ["alimentar-rows"] = AlimentarRows,
        ["duckdb-streaming"] = DuckDbStreaming,
    };

    /// <summary>Alimentar's flat accessor at default settings: every float of a batch as one span.</summary>
    public static double AlimentarFlat(string path)
    {
        using var streaming = new StreamingDataset<EmbeddedDocument>(new ParquetSource<EmbeddedDocument>(path), bufferSize: 4);
        double sum = 0;
        foreach (Batch<EmbeddedDocument> batch in streaming)
        {
            using (batch)
            {
                foreach (float value in batch.Embedding.Values)
                {
                    sum += value;
                }
            }
        }

        return sum;
    }

    /// <summary>Alimentar typed rows at default settings: one <c>float[]</c> per document.</summary>
    public static double AlimentarRows(string path)
    {
        using var streaming = new StreamingDataset<EmbeddedDocument>(new ParquetSource<EmbeddedDocument>(path), bufferSize: 4);
        double sum = 0;
        foreach (EmbeddedDocument document in streaming.Rows())
        {
            foreach (float value in document.Embedding)
            {
                sum += value;
            }
        }

        return sum;
    }

    /// <summary>DuckDB.NET's streaming reader, the list handed out per row.</summary>
    public static double DuckDbStreaming(string path) => Readers.DuckDbQuery($"SELECT embedding FROM read_parquet('{path}')", reader =>
    {
        double sum = 0;
        while (reader.Read())
        {
            foreach (float value in reader.GetFieldValue<List<float>>(0))
            {
                sum += value;
            }
        }

        return sum;
    });

    /// <summary>
    /// The embedding file, written by DuckDB with ZSTD in 10,000-row row groups: <paramref name="rows"/> documents of
    /// <see cref="Dimensions"/> floats each, pseudo-random in [-1, 1] (which barely compress, as real embeddings do not).
    /// </summary>
    public static string File(int rows = 100_000) => BenchmarkFiles.FromDuckDb(
        $"embeddings-{rows}",
        $"""
        SELECT i::BIGINT AS id,
               list_transform(range({Dimensions}), j -> ((hash(i * 7919 + j) % 20001)::FLOAT / 10000.0 - 1.0)::FLOAT) AS embedding
        FROM range({rows}) t(i)
        """,
        "COMPRESSION 'zstd', ROW_GROUP_SIZE 10000");
}
