using System.Text.Json;
using Alimentar.Testing;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Nested Arrow columns — structs, lists, maps, lists of lists, large and fixed-size lists — read typed by
/// <see cref="ArrowSource{T}"/>: the arrays Arrow C++ makes of a nested Parquet file (through ParquetSharp's Arrow
/// reader) give the same rows as reading that file directly.
/// </summary>
public sealed class ArrowNestedTests
{
    [Fact]
    public async Task Records_lists_of_lists_of_records_and_maps_of_maps_from_Arrow_CPP_read_as_from_the_Parquet_file()
    {
        using var file = new TempFile();
        DeepRecordTests.Write(DeepRecordTests.Scenes, file.Path, "ROW_GROUP_SIZE 600");

        await AssertArrowCppReadsAsParquetAsync<DeepScene>(file.Path, 1500);
    }

    [Fact]
    public async Task The_issue_s_conversation_row_with_its_list_of_lists_reads_from_Arrow_as_from_Parquet()
    {
        using var file = new TempFile();
        DeepRecordTests.Write("""
            SELECT 'c' || i AS id,
                   [{'role': 'user', 'content': 'hi ' || i}] AS messages,
                   CASE WHEN i % 2 = 0 THEN NULL ELSE MAP(['bleu'], [i / 10.0::DOUBLE]) END AS scores,
                   [[i, i + 1], [], [i + 2]] AS spans,
                   CASE WHEN i % 4 = 0 THEN NULL ELSE {'bytes': encode('b' || i), 'path': 'img/' || i || '.jpg'} END AS picture,
                   CASE WHEN i % 3 = 0 THEN NULL ELSE ['a', NULL] END AS tags,
                   list_transform(range(i % 5), j -> (i * 10 + j)::INTEGER) AS tokens
            FROM range(300) t(i)
            """, file.Path, "ROW_GROUP_SIZE 100");

        await AssertArrowCppReadsAsParquetAsync<IssueConversation>(file.Path, 300);
    }

    [Fact]
    public async Task Nested_batches_go_to_Arrow_as_structs_lists_and_maps_and_come_back_unchanged()
    {
        using var file = new TempFile();
        DeepRecordTests.Write(DeepRecordTests.Scenes, file.Path, "ROW_GROUP_SIZE 600");
        List<DeepScene> rows = ParquetFiles.ReadAll(new ParquetSource<DeepScene>(file.Path));

        using var ipc = new MemoryStream();
        using (var streaming = new StreamingDataset<DeepScene>(new ParquetSource<DeepScene>(file.Path).BatchSize(200), bufferSize: 2))
        {
            Assert.Equal(1500, await ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync()));
        }

        List<DeepScene> back = ParquetFiles.ReadAll(new ArrowSource<DeepScene>(ipc, "scenes.arrows"));
        Assert.Equal(JsonSerializer.Serialize(rows), JsonSerializer.Serialize(back));

        using Batch<DeepScene> batch = Batch<DeepScene>.FromRows(rows.Take(10).ToArray());
        using RecordBatch record = batch.ToArrow();
        Assert.IsType<StructArray>(record.Column("main"));
        Assert.IsType<MapArray>(record.Column("flags"));
        var grid = Assert.IsType<ListArray>(record.Column("grid"));
        Assert.IsType<ListArray>(grid.Values);
        Assert.Equal(BatchArrowExtensions.ArrowSchemaOf<DeepScene>().FieldsList.Select(f => f.DataType.Name + f.DataType), record.Schema.FieldsList.Select(f => f.DataType.Name + f.DataType));
    }

    [Fact]
    public void A_list_of_lists_and_a_map_of_the_issue_s_row_go_to_Arrow_and_back()
    {
        IssueConversation[] rows = Enumerable.Range(0, 40).Select(i => new IssueConversation(
            $"c{i}",
            [new IssueMessage("user", $"hi {i}")],
            i % 2 == 0 ? null : new Dictionary<string, double> { ["bleu"] = i / 10.0, ["rouge"] = i },
            i % 3 == 0 ? [] : [[i, i + 1], [], [i + 2]],
            i % 4 == 0 ? null : new IssueImage([(byte)i], $"img/{i}.jpg"),
            i % 5 == 0 ? null : ["a", null],
            Enumerable.Range(0, i % 6).ToArray())).ToArray();
        using Batch<IssueConversation> batch = Batch<IssueConversation>.FromRows(rows);

        using RecordBatch record = batch.ToArrow();
        List<IssueConversation> back = ParquetFiles.ReadAll(new ArrowSource<IssueConversation>(Ipc(record)));

        Assert.Equal(JsonSerializer.Serialize(rows), JsonSerializer.Serialize(back));
    }

    [Fact]
    public void Large_and_fixed_size_lists_read_as_lists_and_a_null_where_the_member_cannot_hold_one_names_the_row()
    {
        // Three rows: pair [1, 2], [3, 4], null; spans [[10], []], [], [[11, 12]] as large lists of large lists.
        var pairs = new FixedSizeListArray(new FixedSizeListType(Int32Type.Default, 2), 3,
            new Int32Array.Builder().AppendRange([1, 2, 3, 4, 0, 0]).Build(), new ArrowBuffer.BitmapBuilder().Append(true).Append(true).Append(false).Build(), 1, 0);
        var inner = new LargeListArray(new LargeListType(Int32Type.Default), 3, Offsets(0, 1, 1, 3),
            new Int32Array.Builder().AppendRange([10, 11, 12]).Build(), ArrowBuffer.Empty, 0, 0);
        var spans = new LargeListArray(new LargeListType(new LargeListType(Int32Type.Default)), 3, Offsets(0, 2, 2, 3), inner, ArrowBuffer.Empty, 0, 0);
        var schema = new Schema.Builder()
            .Field(f => f.Name("Pair").DataType(pairs.Data.DataType).Nullable(true))
            .Field(f => f.Name("Spans").DataType(spans.Data.DataType).Nullable(false))
            .Build();
        using var batch = new RecordBatch(schema, [pairs, spans], 3);

        List<FixedLists> rows = ParquetFiles.ReadAll(new ArrowSource<FixedLists>(Ipc(batch)));

        Assert.Equal([1, 2], rows[0].Pair!);
        Assert.Null(rows[2].Pair);
        Assert.Equal([[10], []], rows[0].Spans);
        Assert.Empty(rows[1].Spans);
        Assert.Equal([[11, 12]], rows[2].Spans);
        UnexpectedNullException error = Assert.Throws<UnexpectedNullException>(() => ParquetFiles.ReadAll(new ArrowSource<StrictFixedLists>(Ipc(batch))));
        Assert.Equal(2, error.Row);
        Assert.Equal("Pair", error.ColumnName);
    }

    [Fact]
    public void A_struct_field_of_the_wrong_shape_is_a_mismatch_naming_the_member_path()
    {
        var points = new StructArray(new StructType([new Field("x", FloatType.Default, false), new Field("y", StringType.Default, false)]), 1,
            [new FloatArray.Builder().Append(1f).Build(), new StringArray.Builder().Append("no").Build()], ArrowBuffer.Empty, 0, 0);
        var schema = new Schema.Builder().Field(f => f.Name("Point").DataType(points.Data.DataType)).Build();
        using var batch = new RecordBatch(schema, [points], 1);

        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ArrowSource<ArrowPointRow>(Ipc(batch))));

        Assert.Contains("Single for Point.Y", error.Message, StringComparison.Ordinal);
        Assert.Contains("Arrow utf8", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The file's rows read through Arrow C++'s record batches equal the rows read from the file itself.</summary>
    private static async Task AssertArrowCppReadsAsParquetAsync<T>(string path, int rows)
        where T : IStreamingRow<T>
    {
        using MemoryStream ipc = await ArrowCpp.ReadAsIpcAsync(path);
        List<T> fromArrow = ParquetFiles.ReadAll(new ArrowSource<T>(ipc, "arrow-cpp.arrows"));
        List<T> fromParquet = ParquetFiles.ReadAll(new ParquetSource<T>(path));

        Assert.Equal(rows, fromArrow.Count);
        Assert.Equal(JsonSerializer.Serialize(fromParquet), JsonSerializer.Serialize(fromArrow));
    }

    private static MemoryStream Ipc(RecordBatch batch) => ArrowStreams.Of(batch);

    [Fact]
    public void A_struct_whose_fields_are_shorter_than_it_is_an_error_naming_the_column_not_a_crash()
    {
        var points = new StructArray(new StructType([new Field("x", FloatType.Default, false), new Field("y", FloatType.Default, false)]), 3,
            [new FloatArray.Builder().Append(1f).Build(), new FloatArray.Builder().Append(2f).Build()], ArrowBuffer.Empty, 0, 0);
        var schema = new Schema.Builder().Field(f => f.Name("Point").DataType(points.Data.DataType)).Build();
        using var batch = new RecordBatch(schema, [points], 3);

        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ArrowSource<ArrowPointRow>(Ipc(batch))));

        Assert.Contains("column 'Point'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A record's fields that cannot be null are non-nullable Arrow fields with no null in them, also where the record
    /// itself is null (Arrow C++ refuses a null there even under a null parent), and a Guid is marked as Arrow's
    /// canonical UUID: Arrow C++ writes such a batch to Parquet, UUIDs as UUIDs (DuckDB prints them as text, where it
    /// prints 16 bytes as escapes), and DuckDB reads it as the rows were.
    /// </summary>
    [Fact]
    public async Task Non_nullable_fields_of_null_records_hold_no_nulls_and_Guids_are_marked_as_UUIDs_so_Arrow_CPP_writes_them()
    {
        ArrowTagged[] rows =
        [
            new(1, new ArrowTag(7, "seven", new Guid("00000000-0000-4000-8000-000000000007"), [1, 2]), Guid.Parse("11111111-2222-4333-8444-555555555555")),
            new(2, null, null),
            new(3, new ArrowTag(9, "nine", Guid.Empty, []), Guid.Empty),
        ];
        using Batch<ArrowTagged> batch = Batch<ArrowTagged>.FromRows(rows);
        using RecordBatch record = batch.ToArrow();

        var tag = (StructArray)record.Column("Tag");
        var tagType = (StructType)tag.Data.DataType;
        Assert.Equal(1, tag.NullCount);
        Assert.All(tagType.Fields.Where(f => f.Name != "Counts"), field => Assert.False(field.IsNullable));
        Assert.All(tag.Fields.Where((_, i) => tagType.Fields[i].Name != "Counts"), child => Assert.Equal(0, child.NullCount));
        Assert.Equal("arrow.uuid", record.Schema.GetFieldByName("Key").Metadata["ARROW:extension:name"]);
        Assert.Equal("arrow.uuid", tagType.Fields.Single(f => f.Name == "Id").Metadata["ARROW:extension:name"]);

        using var file = new TempFile();
        using (var writer = new ParquetSharp.Arrow.FileWriter(file.Path, record.Schema))
        {
            writer.WriteRecordBatch(record);
            writer.Close();
        }

        Assert.Equal(
            """
            {"Number":1,"Tag":{"Value":7,"Name":"seven","Id":"00000000-0000-4000-8000-000000000007","Counts":[1,2]},"Key":"11111111-2222-4333-8444-555555555555"}
            {"Number":2,"Tag":null,"Key":null}
            {"Number":3,"Tag":{"Value":9,"Name":"nine","Id":"00000000-0000-0000-0000-000000000000","Counts":[]},"Key":"00000000-0000-0000-0000-000000000000"}
            """.ReplaceLineEndings("\n"),
            string.Join("\n", DuckJson.Rows(file.Path, rows.Length).Select(row => row.GetRawText())));
    }

    private static ArrowBuffer Offsets(params long[] offsets) => new ArrowBuffer.Builder<long>().AppendRange(offsets).Build();
}

[StreamingDataset]
public partial record FixedLists(int[]? Pair, List<int[]> Spans);

[StreamingDataset]
public partial record StrictFixedLists(int[] Pair, List<int[]> Spans);

public sealed record ArrowPoint(float X, float Y);

/// <summary>A record whose fields cannot be null, held by a row that may leave it null.</summary>
public sealed record ArrowTag(int Value, string Name, Guid Id, int[] Counts);

[StreamingDataset]
public partial record ArrowTagged(long Number, ArrowTag? Tag, Guid? Key);

[StreamingDataset]
public partial record ArrowPointRow(ArrowPoint Point);
