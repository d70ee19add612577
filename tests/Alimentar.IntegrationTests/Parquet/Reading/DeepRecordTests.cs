using System.Data.Common;
using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Records, lists and maps nested in each other at any depth, typed, compared with DuckDB's reading of the same
/// file (its <c>to_json</c> of each column) row by row.
/// </summary>
public sealed class DeepRecordTests
{
    internal const string Macros = """
        CREATE MACRO shape(k) AS {'label': CASE WHEN k = -1 THEN NULL ELSE 's' || k END,
                                  'rings': [[{'x': k::FLOAT, 'y': 1.5::FLOAT}, {'x': 0::FLOAT, 'y': k::FLOAT}], []],
                                  'holes': CASE WHEN k % 2 = 0 THEN NULL ELSE [[k::FLOAT], []] END};
        CREATE MACRO layer(k) AS {'name': 'L' || k,
                                  'shapes': CASE WHEN k % 7 = 0 THEN [] ELSE [CASE WHEN k % 3 = 0 THEN NULL ELSE shape(k) END, shape(k + 1)] END,
                                  'counts': CASE WHEN k % 5 = 0 THEN NULL ELSE MAP(['a', 'b'], [[k::INTEGER], []::INTEGER[]]) END};
        """;

    internal const string Scenes = """
        SELECT i::BIGINT AS id,
               layer(i) AS main,
               CASE WHEN i % 4 = 0 THEN [] ELSE [[layer(i + 1)], NULL, []] END AS grid,
               MAP(['x' || i], [MAP([i::INTEGER, (i + 1)::INTEGER], [true, NULL::BOOLEAN])]) AS flags,
               CASE WHEN i % 6 = 0 THEN NULL ELSE [MAP(['p', 'q'], [{'x': i::FLOAT, 'y': 0::FLOAT}, {'x': 0::FLOAT, 'y': i::FLOAT}])] END AS anchors
        FROM range(1500) t(i)
        """;

    [Fact]
    public void Lists_of_lists_of_records_maps_of_maps_and_lists_of_maps_read_as_DuckDB_reads_them()
    {
        using var file = new TempFile();
        Write(Scenes, file.Path, "ROW_GROUP_SIZE 600");

        List<DeepScene> rows = ParquetFiles.ReadAll(new ParquetSource<DeepScene>(file.Path).BatchSize(100));

        Assert.Equal(1500, rows.Count);
        AssertSameAsDuckDb(file.Path, rows, r => r.id);
    }

    [Fact]
    public void Filters_and_resumes_keep_every_depth_with_its_row()
    {
        using var file = new TempFile();
        Write(Scenes, file.Path, "ROW_GROUP_SIZE 600");

        List<DeepScene> filtered = ParquetFiles.ReadAll(new ParquetSource<DeepScene>(file.Path).BatchSize(100).Where(s => s.id == 3 || (s.id >= 640 && s.id < 660) || s.id == 1499));
        Assert.Equal([3L, .. Enumerable.Range(640, 20).Select(i => (long)i), 1499L], filtered.Select(s => s.id));
        AssertSameAsDuckDb(file.Path, filtered, r => r.id);

        var source = new ParquetSource<DeepScene>(file.Path).BatchSize(100);
        using var first = new StreamingDataset<DeepScene>(source, 2);
        foreach (Batch<DeepScene> batch in first.Take(7))
        {
            batch.Dispose();
        }

        using var resumed = new StreamingDataset<DeepScene>(source, 2).ResumeFrom(first.GetState());
        List<DeepScene> rest = resumed.Rows().ToList();
        Assert.Equal(Enumerable.Range(700, 800).Select(i => (long)i), rest.Select(s => s.id));
        AssertSameAsDuckDb(file.Path, rest, r => r.id);
    }

    [Fact]
    public void Impala_s_struct_of_lists_of_lists_of_structs_and_maps_of_structs_reads_typed()
    {
        string path = ParquetFiles.Corpus("nullable.impala.parquet");

        List<ImpalaNestedRow> rows = ParquetFiles.ReadAll(new ParquetSource<ImpalaNestedRow>(path));

        Assert.Equal(7, rows.Count);
        Assert.Contains(rows, r => r.nested_struct?.C?.d is { Count: > 0 });
        Assert.Contains(rows, r => r.nested_struct?.g is { Count: > 0 });
        AssertColumn(path, "int_array_Array", rows.Select(r => (object?)r.int_array_Array).ToList());
        AssertColumn(path, "int_Map_Array", rows.Select(r => (object?)r.int_Map_Array).ToList());
        AssertColumn(path, "nested_struct", rows.Select(r => (object?)r.nested_struct).ToList());
    }

    [Fact]
    public void Parquet_mr_s_map_of_maps_reads_into_a_dictionary_of_dictionaries()
    {
        string path = ParquetFiles.Corpus("nested_maps.snappy.parquet");

        List<MapOfMaps> rows = ParquetFiles.ReadAll(new ParquetSource<MapOfMaps>(path));

        Assert.Equal(6, rows.Count);
        Assert.Contains(rows, r => r.a?.Values.Any(inner => inner?.Count > 0) == true);
        AssertColumn(path, "a", rows.Select(r => (object?)r.a).ToList());
    }

    [Fact]
    public void A_null_deep_inside_where_the_member_cannot_hold_one_names_its_path_and_row()
    {
        using var file = new TempFile();

        // Shape 10 has a null label: row 9 holds it first, as the second shape of its main layer.
        Write(Scenes.Replace("FROM range(1500)", "FROM range(20)", StringComparison.Ordinal), file.Path, "COMPRESSION 'snappy'", Macros.Replace("k = -1", "k = 10", StringComparison.Ordinal));

        UnexpectedNullException error = Assert.Throws<UnexpectedNullException>(() => ParquetFiles.ReadAll(new ParquetSource<DeepScene>(file.Path)));

        Assert.Equal(9, error.Row);
        Assert.Contains("main.shapes.label", error.Message, StringComparison.Ordinal);
        Assert.Contains("main/shapes/list/element/label", error.ColumnName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_depth_the_file_does_not_have_is_a_mismatch_naming_the_member_path_and_what_is_there()
    {
        using var file = new TempFile();
        Write(Scenes.Replace("FROM range(1500)", "FROM range(3)", StringComparison.Ordinal), file.Path, "COMPRESSION 'snappy'");

        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ParquetSource<FlatRings>(file.Path)));

        Assert.Contains("main.shapes.rings", error.Message, StringComparison.Ordinal);
        Assert.Contains("a list of groups", error.Message, StringComparison.Ordinal);
    }

    private static void AssertSameAsDuckDb(string path, List<DeepScene> rows, Func<DeepScene, long> id)
    {
        foreach ((string column, Func<DeepScene, object?> member) in new (string, Func<DeepScene, object?>)[]
        {
            ("main", r => r.main), ("grid", r => r.grid), ("flags", r => r.flags), ("anchors", r => r.anchors),
        })
        {
            List<System.Text.Json.JsonElement> expected = DuckJson.Column(path, column);
            foreach (DeepScene row in rows)
            {
                DuckJson.AssertSame(expected[(int)id(row)], member(row), $"{id(row)}, column {column}");
            }
        }
    }

    private static void AssertColumn(string path, string column, List<object?> values)
    {
        List<System.Text.Json.JsonElement> expected = DuckJson.Column(path, column);
        Assert.Equal(expected.Count, values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            DuckJson.AssertSame(expected[i], values[i], $"{i}, column {column}");
        }
    }

    internal static void Write(string query, string path, string options, string macros = Macros)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (DbCommand define = connection.CreateCommand())
        {
            define.CommandText = macros;
            define.ExecuteNonQuery();
        }

        DuckDbDifferentialTests.Write(connection, query, path, options);
    }
}

// Member names spell the file's own field names, so that the typed rows serialise to the JSON DuckDB prints.
#pragma warning disable SA1300, IDE1006, CA1707

public sealed record DeepPoint(float x, float y);

public sealed record DeepShape(string label, List<DeepPoint[]> rings, float[][]? holes);

public sealed record DeepLayer(string name, DeepShape?[] shapes, Dictionary<string, int[]>? counts);

[StreamingDataset]
public partial record DeepScene(
    long id,
    DeepLayer main,
    List<List<DeepLayer>?> grid,
    Dictionary<string, Dictionary<int, bool?>> flags,
    IReadOnlyList<IReadOnlyDictionary<string, DeepPoint>>? anchors);

public sealed record FlatShape(string label, DeepPoint[] rings);

public sealed record FlatLayer(string name, FlatShape?[] shapes);

[StreamingDataset]
public partial record FlatRings(long id, FlatLayer main);

public sealed record ImpalaElement(int? E, string? F);

public sealed record ImpalaC(List<List<ImpalaElement?>?>? d);

public sealed record ImpalaH(double?[]? i);

public sealed record ImpalaValue(ImpalaH? H);

public sealed record ImpalaNested(int? A, int?[]? b, ImpalaC? C, Dictionary<string, ImpalaValue?>? g);

[StreamingDataset]
public partial record ImpalaNestedRow(long? id, int?[]?[]? int_array_Array, List<Dictionary<string, int?>?>? int_Map_Array, ImpalaNested? nested_struct);

[StreamingDataset]
public partial record MapOfMaps(Dictionary<string, Dictionary<int, bool>?>? a, int b, double c);

#pragma warning restore SA1300, IDE1006, CA1707
