namespace Alimentar.Benchmarks;

/// <summary>A document and its embedding: 768 floats, as a sentence-embedding model writes them.</summary>
[StreamingDataset]
public partial record EmbeddedDocument(long Id, float[] Embedding);

/// <summary>
/// The embedding file and its readers (<see cref="ListReaders"/>): the flat accessor (what a tensor is made from), typed
/// rows, DuckDB.NET, ParquetSharp and Parquet.Net.
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
        ["parquetsharp-columns"] = ParquetSharpColumns,
        ["parquet-net-serializer"] = ParquetSerializerRows,
    };

    /// <summary>Alimentar's flat accessor at default settings: every float of a batch as one span.</summary>
    public static double AlimentarFlat(string path) =>
        ListReaders.SumFlat<EmbeddedDocument, float, double>(new ParquetSource<EmbeddedDocument>(path), batch => batch.Embedding);

    /// <summary>Alimentar typed rows at default settings: one <c>float[]</c> per document.</summary>
    public static double AlimentarRows(string path) =>
        ListReaders.SumRows<EmbeddedDocument, float, double>(new ParquetSource<EmbeddedDocument>(path), document => document.Embedding);

    /// <summary>DuckDB.NET's streaming reader, the list handed out per row.</summary>
    public static double DuckDbStreaming(string path) => ListReaders.SumDuckDb<float, double>(path, "embedding");

    /// <summary>ParquetSharp's column reader over the embedding (the file's second leaf), an array per row.</summary>
    public static double ParquetSharpColumns(string path) => ListReaders.SumParquetSharp<float, double>(path, leaf: 1);

    /// <summary>Parquet.Net's serializer, a list object per document.</summary>
    public static double ParquetSerializerRows(string path) =>
        ListReaders.SumParquetSerializer<EmbeddedDocumentPoco, float, double>(path, document => document.Embedding);

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
