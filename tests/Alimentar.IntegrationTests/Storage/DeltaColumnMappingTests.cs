using System.Text.Json;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record MappedEmployee([property: ParquetColumn("Company Very Short")] string? Company, [property: ParquetColumn("Super Name")] string? Name);

[StreamingDataset]
public partial record RenamedPartition(int? NewId, string? Description);

/// <summary>A row as a Delta writer with column mapping stores it: every field, at every depth, under a physical name.</summary>
[StreamingDataset]
public partial record PhysicalRow(
    [property: ParquetColumn("col-1")] long Id,
    [property: ParquetColumn("col-2")] PhysicalPoint? Point,
    [property: ParquetColumn("col-5")] List<PhysicalPoint>? Path,
    [property: ParquetColumn("col-6")] Dictionary<string, PhysicalPoint>? Named);

public sealed record PhysicalPoint([property: ParquetColumn("col-3")] double X, [property: ParquetColumn("col-4")] double Y);

[StreamingDataset]
public partial record LogicalRow(long Id, LogicalPoint? Point, List<LogicalPoint>? Path, Dictionary<string, LogicalPoint>? Named, string? Region);

public sealed record LogicalPoint(double X, double Y);

/// <summary>
/// Delta tables whose log, not their files' names and paths, says what their columns are called and which partition
/// a file holds: column mapping (columns stored under physical names) and partition values kept in the log, in tables
/// Databricks Runtime wrote (<c>tests/data/delta</c>) and in one built here with nested fields.
/// </summary>
public sealed class DeltaColumnMappingTests : IDisposable
{
    private readonly TempDirectory _table = new();

    public void Dispose() => _table.Dispose();

    [Fact]
    public void A_column_mapped_table_in_random_prefix_folders_reads_its_columns_by_the_table_s_names_and_partitions_from_its_log()
    {
        string table = Path.Combine(DeltaTables.Root, "table_with_column_mapping");

        // The files store 'Super Name' as col-3877…; the partition (BMS for BH/, BME for 8v/, by the log) is in no path.
        List<string> names(string folder) => [.. DuckJson.Column(Directory.GetFiles(Path.Combine(table, folder)).Single(), "col-3877fd94-0973-4941-ac6b-646849a1ff65").Select(v => v.GetString()!)];
        (string, string)[] expected = [.. names("8v").Select(n => ("BME", n)), .. names("BH").Select(n => ("BMS", n))];

        List<MappedEmployee> rows = ParquetFiles.ReadAll(ParquetSource<MappedEmployee>.FromDirectory(table));

        Assert.Equal(5, expected.Length);
        Assert.Equal(expected, rows.Select(r => (r.Company!, r.Name!)));
    }

    [Fact]
    public void A_renamed_partition_column_binds_by_its_new_name_in_a_folder_named_for_the_old_and_in_a_random_prefix()
    {
        // id was renamed newid after the first file was written to id=1/; the second went to aL/ with the partition in the log only.
        List<RenamedPartition> rows = ParquetFiles.ReadAll(ParquetSource<RenamedPartition>.FromDirectory(Path.Combine(DeltaTables.Root, "table_with_partitioning_mapping")));

        Assert.Equal([new RenamedPartition(2, "Additional data"), new RenamedPartition(1, "Initial data")], rows);
    }

    [Fact]
    public async Task Struct_fields_in_lists_and_map_values_are_renamed_and_a_null_partition_reads_as_null()
    {
        PhysicalPoint point = new(1.5, -2);
        PhysicalRow[] stored =
        [
            new(1, point, [point, new(3, 4)], new() { ["a"] = new(5, 6) }),
            new(2, null, null, null),
        ];
        await ParquetDatasetWriter<PhysicalRow>.WriteFileAsync(Path.Combine(_table.Path, "Xy", "part-0.parquet"), stored);
        await ParquetDatasetWriter<PhysicalRow>.WriteFileAsync(Path.Combine(_table.Path, "region=north", "part-1.parquet"), [new(3, point, [], [])]);
        WriteLog("name",
        [
            Add("Xy/part-0.parquet", new Dictionary<string, string?> { ["col-7"] = "south" }),
            Add("region=north/part-1.parquet", new Dictionary<string, string?> { ["col-7"] = null }),
        ]);

        List<LogicalRow> rows = ParquetFiles.ReadAll(ParquetSource<LogicalRow>.FromDirectory(_table.Path));

        var logical = new LogicalPoint(1.5, -2);
        Assert.Equal(3, rows.Count);
        Assert.Equal((1L, logical, "south"), (rows[0].Id, rows[0].Point, rows[0].Region));
        Assert.Equal([logical, new LogicalPoint(3, 4)], rows[0].Path!);
        Assert.Equal(new LogicalPoint(5, 6), rows[0].Named!["a"]);
        Assert.Equal((2L, null, null, null), (rows[1].Id, rows[1].Point, rows[1].Path, rows[1].Named));

        // The folder says north; the log, which a reader follows, says null.
        Assert.Equal((3L, (string?)null), (rows[2].Id, rows[2].Region));
    }

    [Fact]
    public void Column_mapping_by_id_matches_the_files_field_ids_whatever_their_names()
    {
        // Field 1 under a name the table does not know, and field 7 (Region) under the name the table gives field 1 (Id): only the ids tell.
        var schema = new ParquetSharp.Schema.GroupNode("schema", ParquetSharp.Repetition.Required,
        [
            new ParquetSharp.Schema.PrimitiveNode("written_as_a", ParquetSharp.Repetition.Required, ParquetSharp.LogicalType.None(), ParquetSharp.PhysicalType.Int64, fieldId: 1),
            new ParquetSharp.Schema.PrimitiveNode("col-1", ParquetSharp.Repetition.Optional, ParquetSharp.LogicalType.String(), ParquetSharp.PhysicalType.ByteArray, fieldId: 7),
        ]);
        using (var writer = new ParquetSharp.ParquetFileWriter(Path.Combine(_table.Path, "part-0.parquet"), schema, new ParquetSharp.WriterPropertiesBuilder().Build()))
        {
            using ParquetSharp.RowGroupWriter group = writer.AppendRowGroup();
            using (var ids = group.NextColumn().LogicalWriter<long>())
            {
                ids.WriteBatch([10, 20]);
            }

            using (var region = group.NextColumn().LogicalWriter<string?>())
            {
                region.WriteBatch(["east", "west"]);
            }

            writer.Close();
        }

        WriteLog("id", [Add("part-0.parquet", [])]);
        List<LogicalRow> rows = ParquetFiles.ReadAll(ParquetSource<LogicalRow>.FromDirectory(_table.Path, configure: s => s.MissingColumnsAsNull()));

        Assert.Equal([(10L, "east"), (20L, "west")], rows.Select(r => (r.Id, r.Region!)));
    }

    /// <summary>A log whose schema gives logical names, each with the physical one the files use; Region a partition.</summary>
    private void WriteLog(string mode, string[] adds)
    {
        // Each field's id is its physical name's number (col-5 is 5).
        static object Field(string name, string physical, object type) => new { name, type, nullable = true, metadata = new Dictionary<string, object> { ["delta.columnMapping.id"] = int.Parse(physical[4..], System.Globalization.CultureInfo.InvariantCulture), ["delta.columnMapping.physicalName"] = physical } };
        var point = new { type = "struct", fields = new[] { Field("X", "col-3", "double"), Field("Y", "col-4", "double") } };
        var schema = new
        {
            type = "struct",
            fields = new[]
            {
                Field("Id", "col-1", "long"),
                Field("Point", "col-2", point),
                Field("Path", "col-5", new { type = "array", elementType = point, containsNull = true }),
                Field("Named", "col-6", new { type = "map", keyType = "string", valueType = point, valueContainsNull = true }),
                Field("Region", "col-7", "string"),
            },
        };
        string metadata = JsonSerializer.Serialize(new
        {
            metaData = new
            {
                id = "t",
                format = new { provider = "parquet" },
                schemaString = JsonSerializer.Serialize(schema),
                partitionColumns = new[] { "Region" },
                configuration = new Dictionary<string, string> { ["delta.columnMapping.mode"] = mode },
            },
        });
        Directory.CreateDirectory(Path.Combine(_table.Path, "_delta_log"));
        File.WriteAllLines(Path.Combine(_table.Path, "_delta_log", $"{0:D20}.json"),
            ["""{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["columnMapping"],"writerFeatures":["columnMapping"]}}""", metadata, .. adds]);
    }

    private static string Add(string path, Dictionary<string, string?> partitionValues) =>
        JsonSerializer.Serialize(new { add = new { path, partitionValues, size = 1, modificationTime = 0, dataChange = true } });
}
