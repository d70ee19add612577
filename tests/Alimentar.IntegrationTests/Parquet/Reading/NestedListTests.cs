using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>Lists of lists at any depth, from files other writers made, with null and empty lists at every depth.</summary>
public sealed class NestedListTests
{
    private const string Rows = """
        SELECT i AS id,
               CASE WHEN i % 4 = 0 THEN [] ELSE [[i, i + 1], [], [i * 2]] END AS spans,
               CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN [NULL, []] ELSE [['w' || i, NULL], ['x']] END AS words,
               CASE WHEN i % 3 = 0 THEN NULL ELSE [[[i], []], [], [[i, NULL]]] END AS cubes,
               [[encode('b' || i)], []]::BLOB[][] AS chunks
        FROM range(2500) t(i)
        """;

    [Fact]
    public void Lists_nested_in_lists_written_by_DuckDB_read_as_the_member_types_across_row_groups_and_batches()
    {
        using var file = new TempFile();
        WriteWithDuckDb(file.Path, "ROW_GROUP_SIZE 1000");

        List<NestedListRow> rows = ParquetFiles.ReadAll(new ParquetSource<NestedListRow>(file.Path).BatchSize(300));

        Assert.Equal(2500, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            AssertRow(i, rows[i]);
        }
    }

    [Fact]
    public void The_batch_accessor_of_a_list_of_lists_is_flat_over_the_rows_lists()
    {
        using var file = new TempFile();
        WriteWithDuckDb(file.Path, "ROW_GROUP_SIZE 1000");

        using var streaming = new StreamingDataset<NestedListRow>(new ParquetSource<NestedListRow>(file.Path).BatchSize(64), 2);
        Batch<NestedListRow> batch = streaming.First();
        ListColumn<int[]> spans = batch.Spans;

        Assert.Equal(64, spans.Count);
        Assert.Equal(0, spans.LengthOf(0));
        Assert.Equal([[1, 2], [], [2]], spans[1].ToArray());
        Assert.Equal(spans.Offsets[64], spans.Values.Length);

        // Flattened, the inner lists are flat too: two levels of offsets over one array of every value, as Arrow holds them.
        ListColumn<int> inner = spans.Flatten();
        int[] offsets = spans.Offsets.ToArray();
        for (int row = 0; row < batch.Count; row++)
        {
            int[][] expected = batch[row].Spans;
            Assert.Equal(expected.Length, offsets[row + 1] - offsets[row]);
            Assert.Equal(expected, Enumerable.Range(offsets[row], expected.Length).Select(list => inner[list].ToArray()));
        }

        Assert.Equal(Enumerable.Range(0, batch.Count).SelectMany(row => batch[row].Spans.SelectMany(list => list)), inner.Values.ToArray());
        ListColumn<long?> cubes = batch.Cubes.Flatten().Flatten();
        Assert.Equal(Enumerable.Range(0, batch.Count).SelectMany(row => batch[row].Cubes ?? []).SelectMany(cube => cube).SelectMany(list => list), cubes.Values.ToArray());
        batch.Dispose();
    }

    [Fact]
    public void Resuming_inside_a_row_group_skips_rows_of_nested_lists_exactly()
    {
        using var file = new TempFile();
        WriteWithDuckDb(file.Path, "ROW_GROUP_SIZE 1000");
        var source = new ParquetSource<NestedListRow>(file.Path).BatchSize(100);
        using var first = new StreamingDataset<NestedListRow>(source, 2);
        foreach (Batch<NestedListRow> batch in first.Take(7))
        {
            batch.Dispose();
        }

        StreamingState state = first.GetState();
        using var resumed = new StreamingDataset<NestedListRow>(source, 2).ResumeFrom(state);
        List<NestedListRow> rest = resumed.Rows().ToList();

        Assert.Equal(2500 - 700, rest.Count);
        AssertRow(700, rest[0]);
        AssertRow(2499, rest[^1]);
    }

    [Fact]
    public void A_null_inner_list_in_a_member_that_cannot_hold_one_names_the_row()
    {
        using var file = new TempFile();
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            DuckDbDifferentialTests.Write(connection, "SELECT i AS id, CASE WHEN i = 7 THEN [[1], NULL] ELSE [[1]] END AS spans FROM range(10) t(i)", file.Path, "COMPRESSION 'snappy'");
        }

        UnexpectedNullException error = Assert.Throws<UnexpectedNullException>(() => ParquetFiles.ReadAll(new ParquetSource<StrictSpans>(file.Path)));

        Assert.Equal(7, error.Row);
        Assert.Contains("spans", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_list_of_lists_member_against_a_one_level_list_is_a_mismatch_naming_both()
    {
        using var file = new TempFile();
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            DuckDbDifferentialTests.Write(connection, "SELECT 1::BIGINT AS id, [1, 2] AS spans", file.Path, "COMPRESSION 'snappy'");
        }

        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<StrictSpans>(file.Path)));

        Assert.Contains("a list of a list of Int32", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 list deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parquet_testing_s_three_deep_string_lists_read_typed_and_untyped()
    {
        string path = ParquetFiles.Corpus("nested_lists.snappy.parquet");

        List<ThreeDeep> rows = ParquetFiles.ReadAll(new ParquetSource<ThreeDeep>(path));

        Assert.Equal(3, rows.Count);
        Assert.Equal([[["a", "b"], ["c"]], [null, ["d"]]], rows[0].A);
        Assert.Equal(1, rows[0].B);
        ParquetScan scan = await ParquetFileInfo.ScanAsync(path, headRows: 3);
        Assert.Equal(3, scan.Rows);
        var first = Assert.IsType<object?[]>(scan.Head[0][0]);
        Assert.Equal(2, first.Length);
    }

    [Fact]
    public void Nested_list_rows_move_through_memory_sources_unchanged()
    {
        NestedListRow[] rows =
        [
            new(1, [[1, 2], []], null, null, [[[1, 2, 3]]]),
            new(2, [], [null, ["x", null]], [[[5L]], []], [[]]),
        ];

        List<NestedListRow> read = new StreamingDataset<NestedListRow>(new MemorySource<NestedListRow>(rows, batchSize: 1), 2).Rows().ToList();

        Assert.Equal(rows[0].Spans, read[0].Spans);
        Assert.Equal(rows[1].Words, read[1].Words);
        Assert.Equal(rows[1].Cubes, read[1].Cubes);
        Assert.Equal(rows[0].Chunks, read[0].Chunks);
    }

    private static void AssertRow(int i, NestedListRow row)
    {
        Assert.Equal(i, row.Id);
        Assert.Equal(i % 4 == 0 ? [] : [[i, i + 1], [], [i * 2]], row.Spans);
        List<List<string?>?>? words = (i % 5) switch
        {
            0 => null,
            1 => [null, []],
            _ => [[$"w{i}", null], ["x"]],
        };
        Assert.Equal(words, row.Words);
        Assert.Equal(i % 3 == 0 ? null : [[[i], []], [], [[i, null]]], row.Cubes);
        Assert.Equal([[System.Text.Encoding.UTF8.GetBytes($"b{i}")], []], row.Chunks);
    }

    private static void WriteWithDuckDb(string path, string options)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        DuckDbDifferentialTests.Write(connection, Rows, path, options);
    }
}

[StreamingDataset]
public partial record NestedListRow(long Id, int[][] Spans, List<List<string?>?>? Words, IReadOnlyList<long?[][]>? Cubes, byte[][][] Chunks);

[StreamingDataset]
public partial record StrictSpans(long Id, int[][] Spans);

[StreamingDataset]
public partial record ThreeDeep(string?[]?[]?[]? A, int B);
