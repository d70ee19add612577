
namespace Alimentar.Benchmarks;

/// <summary>A tokenised corpus: a document id and its token ids, 256 to 2,048 per document.</summary>
[StreamingDataset]
public partial record TokenizedDocument(long Id, int[] Tokens);

/// <summary>
/// Readers of the token-list file, each summing every token so that nothing is optimised away: the flat
/// <see cref="ListColumn{T}"/> accessor, typed rows (an array per row), DuckDB.NET's streaming reader, ParquetSharp's
/// column reader and Parquet.Net's serializer.
/// </summary>
public static class TokenReaders
{
    /// <summary>The readers by the names the memory runner takes.</summary>
    public static IReadOnlyDictionary<string, Func<string, double>> All { get; } = new Dictionary<string, Func<string, double>>
    {
        ["alimentar-flat"] = AlimentarFlat,
        ["alimentar-flat-default-batch"] = path => AlimentarFlat(new ParquetSource<TokenizedDocument>(path)),
        ["alimentar-rows"] = AlimentarRows,
        ["duckdb-streaming"] = DuckDbStreaming,
        ["parquetsharp-columns"] = ParquetSharpColumns,
        ["parquet-net-serializer"] = ParquetSerializerRows,
    };

    /// <summary>Alimentar's flat accessor: every token of a batch as one span, nothing allocated per row.</summary>
    public static double AlimentarFlat(string path) => AlimentarFlat(new ParquetSource<TokenizedDocument>(path).BatchSize(1024));

    private static double AlimentarFlat(ParquetSource<TokenizedDocument> source) =>
        ListReaders.SumFlat<TokenizedDocument, int, long>(source, batch => batch.Tokens);

    /// <summary>Alimentar typed rows: one <c>int[]</c> per document.</summary>
    public static double AlimentarRows(string path) =>
        ListReaders.SumRows<TokenizedDocument, int, long>(new ParquetSource<TokenizedDocument>(path).BatchSize(1024), document => document.Tokens);

    /// <summary>DuckDB.NET's streaming reader, the list column handed out per row.</summary>
    public static double DuckDbStreaming(string path) => ListReaders.SumDuckDb<int, long>(path, "tokens");

    /// <summary>ParquetSharp's column reader over the token list (the file's second leaf), an array per row.</summary>
    public static double ParquetSharpColumns(string path) => ListReaders.SumParquetSharp<int, long>(path, leaf: 1);

    /// <summary>Parquet.Net's serializer, a list object per document.</summary>
    public static double ParquetSerializerRows(string path) =>
        ListReaders.SumParquetSerializer<TokenizedDocumentPoco, int, long>(path, document => document.Tokens);

    /// <summary>
    /// The token file the list suites read, written by DuckDB with ZSTD: <paramref name="rows"/> documents of
    /// 256 to 2,048 int32 tokens (about 1,150 on average), as a tokenised pretraining corpus holds them.
    /// </summary>
    public static string File(int rows = 100_000) => BenchmarkFiles.FromDuckDb(
        $"tokens-{rows}",
        $"""
        SELECT i::BIGINT AS id,
               list_transform(range(256 + (hash(i) % 1793)::INTEGER), j -> ((hash(i * 4099 + j) % 100277)::INTEGER)) AS tokens
        FROM range({rows}) t(i)
        """,
        "COMPRESSION 'zstd', ROW_GROUP_SIZE 10000");
}
