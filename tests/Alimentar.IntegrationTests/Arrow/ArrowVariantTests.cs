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
    public async Task A_variant_in_a_record_is_exported_marked_and_refused_on_the_way_back_saying_so()
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
        SchemaMismatchException error = Assert.Throws<SchemaMismatchException>(() => ParquetFiles.ReadAll(new ArrowSource<NestedVariantRow>(ipc, "events.arrows")));
        Assert.Contains("as a member of the row type", error.Message, StringComparison.Ordinal);
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
