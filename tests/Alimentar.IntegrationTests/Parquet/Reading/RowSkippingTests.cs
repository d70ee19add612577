using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>Every DuckDB shape with a list: skipping rows by levels must keep lists and nulls in step.</summary>
[StreamingDataset]
public partial record SkipRow(long Id, string? Label, double? Value, int[]? Pair, string?[]? Tags, [property: ParquetColumn("l.list.element.x")] int?[]? Xs);

/// <summary>
/// Resumes that land inside a row group pass over the rows before them by counting levels and skipping values,
/// never by decoding them: in every encoding and page version, with lists that run across pages, and without a
/// page index to jump by. The resumed rows must be exactly the rest of the pass.
/// </summary>
public sealed class RowSkippingTests
{
    private const string Query = """
        SELECT i::BIGINT AS id,
               CASE WHEN i % 5 = 0 THEN NULL ELSE 'label-' || (i % 37) END AS label,
               CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END::DOUBLE AS value,
               CASE WHEN i % 9 = 0 THEN NULL ELSE [i::INTEGER, (i + 1)::INTEGER] END AS pair,
               CASE WHEN i % 4 = 0 THEN NULL WHEN i % 4 = 1 THEN [] ELSE ['t' || (i % 3), NULL, repeat('u', (i % 50)::INTEGER)] END AS tags,
               CASE i % 3 WHEN 0 THEN [] WHEN 1 THEN [NULL, {'x': i::INTEGER}] ELSE NULL END AS l
        FROM range(6000) t(i)
        """;

    public static TheoryData<string> Options() =>
    [
        "ROW_GROUP_SIZE 2500, PARQUET_VERSION V1, COMPRESSION snappy",
        "ROW_GROUP_SIZE 2500, PARQUET_VERSION V2, COMPRESSION zstd",
        "ROW_GROUP_SIZE 2500, PARQUET_VERSION V2, COMPRESSION uncompressed, DICTIONARY_SIZE_LIMIT 1",
    ];

    [Theory]
    [MemberData(nameof(Options))]
    public void A_resume_inside_a_row_group_gives_exactly_the_rest_of_the_pass(string options)
    {
        using var file = new TempFile();
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            DuckDbDifferentialTests.Write(connection, Query, file.Path, options);
        }

        List<SkipRow> all = ParquetFiles.ReadAll(new ParquetSource<SkipRow>(file.Path).BatchSize(300));
        foreach (int interruptAt in new[] { 1, 299, 700, 2_499, 2_501, 4_321 })
        {
            List<SkipRow> seen = Resumption.ReadInterruptedAndResumed(
                () => new StreamingDataset<SkipRow>(new ParquetSource<SkipRow>(file.Path).BatchSize(300), bufferSize: 2),
                interruptAt,
                row => row);

            Assert.Equal(all.Count, seen.Count);
            for (int i = 0; i < all.Count; i++)
            {
                Assert.True(Same(all[i], seen[i]), $"interrupted at {interruptAt}: row {i} differs");
            }
        }

        static bool Same(SkipRow a, SkipRow b) =>
            a with { Pair = null, Tags = null, Xs = null } == b with { Pair = null, Tags = null, Xs = null }
            && Equal(a.Pair, b.Pair) && Equal(a.Tags, b.Tags) && Equal(a.Xs, b.Xs);

        static bool Equal<T>(T[]? a, T[]? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);
    }
}
