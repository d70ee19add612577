using Apache.Arrow;
using Apache.Arrow.Types;

namespace Alimentar.IntegrationTests;

/// <summary>
/// <see cref="ParquetVariant"/> members in Arrow: a struct of the variant's <c>metadata</c> and <c>value</c> binaries
/// marked with Arrow's <c>arrow.parquet.variant</c> extension, as written to IPC and read back by an Arrow source.
/// </summary>
public sealed class ArrowVariantTests
{
    [Fact]
    public async Task Variants_are_written_as_the_arrow_parquet_variant_struct_and_read_back()
    {
        VariantRow[] rows =
        [
            .. Enumerable.Range(0, 20).Select(i => new VariantRow(i, i % 4 == 0 ? null : ParquetVariant.FromJson($$"""{"n": {{i}}, "tags": ["t{{i}}", 2.5]}"""))),
        ];
        using var streaming = new StreamingDataset<VariantRow>(new MemorySource<VariantRow>(rows, batchSize: 8));
        using var ipc = new MemoryStream();
        await ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync());
        ipc.Position = 0;

        using (var reader = new Apache.Arrow.Ipc.ArrowStreamReader(ipc, leaveOpen: true))
        {
            Field payload = reader.Schema.GetFieldByName("Payload");
            var type = Assert.IsType<StructType>(payload.DataType);
            Assert.Equal(["metadata", "value"], type.Fields.Select(f => f.Name));
            Assert.All(type.Fields, f => Assert.Equal(ArrowTypeId.Binary, f.DataType.TypeId));
            Assert.Equal("arrow.parquet.variant", payload.Metadata["ARROW:extension:name"]);
        }

        ipc.Position = 0;
        List<VariantRow> back = ParquetFiles.ReadAll(new ArrowSource<VariantRow>(ipc, "events.arrows"));
        Assert.Equal(rows.Select(r => (r.Id, r.Payload)), back.Select(r => (r.Id, r.Payload)));
    }

    [Fact]
    public async Task A_variant_in_a_record_is_exported_marked_and_read_back()
    {
        NestedVariantRow[] rows = [new(1, new VariantHolder(ParquetVariant.FromJson("[1]"))), new(2, new VariantHolder(null))];
        using var streaming = new StreamingDataset<NestedVariantRow>(new MemorySource<NestedVariantRow>(rows, batchSize: 8));
        using var ipc = new MemoryStream();
        await ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync());
        ipc.Position = 0;

        using (var reader = new Apache.Arrow.Ipc.ArrowStreamReader(ipc, leaveOpen: true))
        {
            RecordBatch batch = reader.ReadNextRecordBatch();
            Field payload = ((StructType)reader.Schema.GetFieldByName("Holder").DataType).Fields.Single();
            Assert.Equal("arrow.parquet.variant", payload.Metadata["ARROW:extension:name"]);
            var holder = (StructArray)batch.Column("Holder");
            var variants = (StructArray)holder.Fields[0];
            Assert.Equal([false, true], new[] { variants.IsNull(0), variants.IsNull(1) });
            Assert.Equal(ParquetVariant.FromJson("[1]").Value.ToArray(), ((BinaryArray)variants.Fields[1]).GetBytes(0).ToArray());
        }

        ipc.Position = 0;
        Assert.Equal(rows, ParquetFiles.ReadAll(new ArrowSource<NestedVariantRow>(ipc, "events.arrows")));
    }

    /// <summary>Variants at every depth a Parquet file holds them (a member, a list's elements, a record's field, a map's values) go out to Arrow and come back equal.</summary>
    [Fact]
    public async Task Variants_in_lists_records_and_maps_read_from_Parquet_go_through_Arrow_IPC_and_back()
    {
        using var file = new TempFile();
        WrittenVariantRow[] written = [.. Enumerable.Range(0, 300).Select(WrittenVariantRow.Make)];
        await ParquetDatasetWriter<WrittenVariantRow>.WriteFileAsync(file.Path, written);

        using var streaming = new StreamingDataset<WrittenVariantRow>(new ParquetSource<WrittenVariantRow>(file.Path).BatchSize(64));
        using var ipc = new MemoryStream();
        await ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync());
        ipc.Position = 0;
        List<WrittenVariantRow> back = ParquetFiles.ReadAll(new ArrowSource<WrittenVariantRow>(ipc, "variants.arrows"));

        WrittenVariantRow.AssertSame(written, back);
    }

    [Fact]
    public async Task Lists_of_lists_of_variants_go_through_Arrow_IPC_and_back()
    {
        NullableVariantGridRow[] rows =
        [
            .. Enumerable.Range(0, 50).Select(i => new NullableVariantGridRow(i, i % 9 == 0 ? null :
                [.. Enumerable.Range(0, i % 4).Select(j => j == 1 ? null : Enumerable.Range(0, j + 1).Select(k => (i + k) % 5 == 0 ? (ParquetVariant?)null : ParquetVariant.FromJson($"[{i}, {k}]")).ToArray())])),
        ];
        using var streaming = new StreamingDataset<NullableVariantGridRow>(new MemorySource<NullableVariantGridRow>(rows, batchSize: 16));
        using var ipc = new MemoryStream();
        await ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync());
        ipc.Position = 0;

        List<NullableVariantGridRow> back = ParquetFiles.ReadAll(new ArrowSource<NullableVariantGridRow>(ipc, "grid.arrows"));

        Assert.Equal(rows.Select(r => r.Items?.Select(inner => inner?.Select(v => v?.ToJson()))), back.Select(r => r.Items?.Select(inner => inner?.Select(v => v?.ToJson()))));
    }

    /// <summary>Damaged bytes of a variant in a list are an error naming the column and the value, not a crash or a wrong value.</summary>
    [Fact]
    public void Bytes_that_are_not_a_variant_in_a_list_are_refused_naming_the_column()
    {
        var variant = new StructType([new Field("metadata", BinaryType.Default, false), new Field("value", BinaryType.Default, false)]);
        var elements = new StructArray(variant, 2, [new BinaryArray.Builder().Append([1, 0, 0]).Append([1, 0, 0]).Build(), new BinaryArray.Builder().Append([0x0C, 0x05]).Append([0xFF]).Build()], ArrowBuffer.Empty, 0);
        var list = new ListArray(new ListType(new Field("item", variant, true)), 1, new ArrowBuffer.Builder<int>().Append(0).Append(2).Build(), elements, ArrowBuffer.Empty, 0);
        RecordBatch batch = new RecordBatch.Builder()
            .Append("Id", false, new Int64Array.Builder().Append(1).Build())
            .Append("Items", true, list)
            .Build();

        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ArrowSource<VariantListRow>(ArrowStreams.Of(batch), "items.arrows")));
        Assert.Contains("column 'Items', value 1 of its nested variants holds no variant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_a_variant_and_a_struct_of_other_fields_are_refused_naming_the_column()
    {
        RecordBatch damaged = Batch(new BinaryArray.Builder().Append([1, 0, 0]).Build(), new BinaryArray.Builder().Append([0x03, 0x05]).Build());
        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ArrowSource<VariantRow>(ArrowStreams.Of(damaged), "events.arrows")));
        Assert.Contains("column 'Payload', row 0 holds no variant", error.Message, StringComparison.Ordinal);

        RecordBatch other = new RecordBatch.Builder()
            .Append("Id", false, new Int64Array.Builder().Append(1).Build())
            .Append("Payload", true, new StringArray.Builder().Append("{}").Build())
            .Build();
        SchemaMismatchException mismatch = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ArrowSource<VariantRow>(ArrowStreams.Of(other), "events.arrows")));
        Assert.Contains("a struct of 'metadata' and 'value' binaries", mismatch.Message, StringComparison.Ordinal);
    }

    private static RecordBatch Batch(IArrowArray metadata, IArrowArray value)
    {
        var type = new StructType([new Field("metadata", BinaryType.Default, false), new Field("value", BinaryType.Default, false)]);
        return new RecordBatch.Builder()
            .Append("Id", false, new Int64Array.Builder().Append(1).Build())
            .Append("Payload", true, new StructArray(type, 1, [metadata, value], ArrowBuffer.Empty, 0))
            .Build();
    }
}
