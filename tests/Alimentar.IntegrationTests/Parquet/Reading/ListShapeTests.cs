using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>One field of a list of structs, named by its path: the field's value for each element.</summary>
[StreamingDataset]
public partial record StructListField(long Id, [property: ParquetColumn("l.list.element.x")] int?[]? Xs);

/// <summary>A list member named like a list of structs: must be refused, not bound to the first field.</summary>
[StreamingDataset]
public partial record StructListByName(long Id, int?[]? L);

/// <summary>A list member named like a map: must be refused, not bound to the keys.</summary>
[StreamingDataset]
public partial record MapByName(long Id, string[]? M);

/// <summary>A list member named like a struct that holds a list: must be refused, not bound through the struct's name.</summary>
[StreamingDataset]
public partial record StructByName(long Id, int[]? S);

/// <summary>A list inside a struct, named by its path.</summary>
[StreamingDataset]
public partial record ListInStruct(long Id, [property: ParquetColumn("s.inner")] int?[]? Inner);

/// <summary>
/// Lists whose elements are groups, maps, and lists inside structs: definition levels are read against the
/// whole schema path (an optional struct between the list and the leaf adds a level), and a member binds to
/// a list only when the shapes agree.
/// </summary>
public sealed class ListShapeTests
{
    private const string Query = """
        SELECT i::BIGINT AS id,
               CASE i % 6 WHEN 0 THEN [] WHEN 1 THEN [NULL] WHEN 2 THEN [{'x': 1 + i::INTEGER, 'y': 'a'}] WHEN 3 THEN NULL
                          WHEN 4 THEN [{'x': NULL, 'y': 'b'}, {'x': 2, 'y': NULL}] ELSE [NULL, {'x': 3, 'y': 'c'}, NULL] END AS l,
               MAP {'k' || (i % 3): i::INTEGER} AS m,
               CASE WHEN i % 5 = 0 THEN NULL ELSE {'inner': CASE WHEN i % 4 = 0 THEN NULL WHEN i % 4 = 1 THEN [] ELSE [i::INTEGER, NULL] END} END AS s
        FROM range(3000) t(i)
        """;

    private static string Write(TempFile file, string options = "ROW_GROUP_SIZE 1000")
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        DuckDbDifferentialTests.Write(connection, Query, file.Path, options);
        return file.Path;
    }

    private static int?[]? ExpectedXs(long i) => (i % 6) switch
    {
        0 => [],
        1 => [null],
        2 => [1 + (int)i],
        3 => null,
        4 => [null, 2],
        _ => [null, 3, null],
    };

    private static int?[]? ExpectedInner(long i) =>
        i % 5 == 0 || i % 4 == 0 ? null : i % 4 == 1 ? [] : [(int)i, null];

    [Theory]
    [InlineData("ROW_GROUP_SIZE 1000")]
    [InlineData("ROW_GROUP_SIZE 700, PARQUET_VERSION V2, COMPRESSION zstd")]
    public void A_field_of_a_list_of_structs_keeps_empty_lists_null_lists_and_null_elements(string options)
    {
        using var file = new TempFile();
        List<StructListField> rows = ParquetFiles.ReadAll(new ParquetSource<StructListField>(Write(file, options)).BatchSize(333));

        Assert.Equal(3000, rows.Count);
        Assert.All(rows, row => Assert.Equal(ExpectedXs(row.Id), row.Xs));
    }

    [Fact]
    public void A_list_inside_a_struct_binds_by_its_path_and_a_null_struct_reads_as_a_null_list()
    {
        using var file = new TempFile();
        List<ListInStruct> rows = ParquetFiles.ReadAll(new ParquetSource<ListInStruct>(Write(file)).BatchSize(512));

        Assert.All(rows, row => Assert.Equal(ExpectedInner(row.Id), row.Inner));
    }

    [Fact]
    public void A_list_member_named_like_a_list_of_structs_is_refused_naming_both_shapes()
    {
        using var file = new TempFile();
        var error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<StructListByName>(Write(file))));

        Assert.Equal("L", error.ColumnName);
        Assert.Contains("a list of groups", error.Message, StringComparison.Ordinal);
        Assert.Contains("l/list/element/x", error.Message, StringComparison.Ordinal);
        Assert.Contains("l/list/element/y", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_member_named_like_a_map_is_refused_rather_than_given_its_keys()
    {
        using var file = new TempFile();
        var error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<MapByName>(Write(file))));

        Assert.Contains("a map", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_member_named_like_a_struct_holding_a_list_is_refused()
    {
        using var file = new TempFile();
        var error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<StructByName>(Write(file))));

        Assert.Equal("S", error.ColumnName);
    }

    [Fact]
    public async Task The_untyped_scan_reads_a_list_of_structs_field_as_DuckDB_does()
    {
        using var file = new TempFile();
        ParquetScan scan = await ParquetFileInfo.ScanAsync(Write(file), headRows: 12);

        int column = Array.IndexOf(scan.Columns.ToArray(), "l/list/element/x");
        Assert.True(column >= 0, string.Join(", ", scan.Columns));
        for (int i = 0; i < 12; i++)
        {
            Assert.Equal(ExpectedXs(i), (scan.Head[i][column] as System.Collections.IEnumerable)?.Cast<int?>().ToArray());
        }
    }
}
