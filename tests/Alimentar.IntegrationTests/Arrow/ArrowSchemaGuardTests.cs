using System.Buffers.Binary;
using Alimentar.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;

namespace Alimentar.IntegrationTests;

/// <summary>
/// Metadata that would end or stall the process is refused first: schema fields whose children point back at themselves
/// or nest deeper than any real schema (Arrow's recursive reader overflows the stack), and record batches claiming more
/// rows than Arrow counts (planning would walk them all).
/// </summary>
public sealed class ArrowSchemaGuardTests
{
    /// <summary>
    /// A schema message's flatbuffer holding a chain of <paramref name="depth"/> fields, each the only child of the one
    /// before; with <paramref name="loop"/> the last field's children are the schema's own field list instead.
    /// </summary>
    private static byte[] SchemaMessage(int depth, bool loop = false)
    {
        var bytes = new List<byte>();
        void U16(int value) => bytes.AddRange(BitConverter.GetBytes((ushort)value));
        void I32(int value) => bytes.AddRange(BitConverter.GetBytes(value));

        I32(16);                                           // 0: the root, the Message table at 16
        U16(10); U16(12); U16(0); U16(4); U16(8); U16(0);  // 4: Message vtable: header_type at +4, header at +8
        I32(16 - 4); I32(1); I32(36 - 24);                 // 16: Message: a Schema, whose table is at 36
        U16(8); U16(8); U16(0); U16(4);                    // 28: Schema vtable: fields at +4
        I32(36 - 28); I32(60 - 40);                        // 36: Schema: its fields vector at 60
        U16(16); U16(8); U16(0); U16(0); U16(0); U16(0); U16(0); U16(4); // 44: Field vtable: children at +4
        for (int level = 0; level < depth; level++)
        {
            int vector = 60 + (16 * level);
            I32(1); I32(4);                                // a vector of one field, the table right after it
            int table = vector + 8;
            bool last = level == depth - 1;
            I32(table - 44);
            I32(last && loop ? 60 - (table + 4) : 4);      // children: the next vector, or back to the schema's fields
        }

        I32(0);                                            // the last field's children: none
        return [.. bytes];
    }

    /// <summary>
    /// A schema message whose fields vector lists one field twice, whose children list the next field twice, and so on
    /// <paramref name="depth"/> levels down: a tree of 2^<paramref name="depth"/> fields as Arrow's reader builds it, every
    /// one named by the same string of <paramref name="nameLength"/> bytes at the message's end.
    /// </summary>
    private static byte[] SharedFieldsSchema(int depth, int nameLength)
    {
        var bytes = new List<byte>();
        void U16(int value) => bytes.AddRange(BitConverter.GetBytes((ushort)value));
        void I32(int value) => bytes.AddRange(BitConverter.GetBytes(value));

        const int FirstLevel = 60, LevelBytes = 24, FieldVtable = 44;
        int noChildren = FirstLevel + (LevelBytes * depth);
        int name = noChildren + 4;
        I32(16);                                                          // 0: the root, the Message table at 16
        U16(10); U16(12); U16(0); U16(4); U16(8); U16(0);                 // 4: Message vtable: header_type at +4, header at +8
        I32(16 - 4); I32(1); I32(36 - 24);                                // 16: Message: a Schema, whose table is at 36
        U16(8); U16(8); U16(0); U16(4);                                   // 28: Schema vtable: fields at +4
        I32(36 - 28); I32(FirstLevel - 40);                               // 36: Schema: its fields vector at 60
        U16(16); U16(12); U16(4); U16(0); U16(0); U16(0); U16(0); U16(8); // 44: Field vtable: name at +4, children at +8
        for (int level = 0; level < depth; level++)
        {
            int vector = FirstLevel + (LevelBytes * level);
            int table = vector + 12;
            int next = level + 1 < depth ? vector + LevelBytes : noChildren;
            I32(2); I32(table - (vector + 4)); I32(table - (vector + 8));  // two entries, one field
            I32(table - FieldVtable); I32(name - (table + 4)); I32(next - (table + 8));
        }

        I32(0);                                                           // the last field's children: none
        I32(nameLength);
        bytes.AddRange(Enumerable.Repeat((byte)'n', nameLength));
        return [.. bytes];
    }

    /// <summary>
    /// Fields listed again and again through shared children multiply in the tree Arrow's reader builds, each with its
    /// own copy of its name: 2¹⁸ fields in 500 bytes, or 126 copies of a 4 KB name, and as much more as depth and names
    /// allow. In a tree every field and every name has bytes of its own, and the check holds the walk to the message's.
    /// </summary>
    [Theory]
    [InlineData(18, 1, "the schema claims more fields than its")]
    [InlineData(6, 4_000, "the schema's field names and metadata come to")]
    public void Fields_shared_so_that_they_multiply_are_refused(int depth, int nameLength, string why)
    {
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ArrowSchemaGuard.CheckMessage(ArrowMessage.Read(SharedFieldsSchema(depth, nameLength), 0)));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        ArrowSchemaGuard.CheckMessage(ArrowMessage.Read(SharedFieldsSchema(1, nameLength), 0));
    }

    [Fact]
    public void A_field_whose_children_point_back_at_the_schema_is_refused()
    {
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ArrowSchemaGuard.CheckMessage(ArrowMessage.Read(SchemaMessage(3, loop: true), 0)));

        Assert.Contains("not a well-formed flatbuffer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_any_real_schema_is_refused_and_ordinary_nesting_passes()
    {
        ArrowSchemaGuard.CheckMessage(ArrowMessage.Read(SchemaMessage(ArrowSchemaGuard.MaxDepth), 0));

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ArrowSchemaGuard.CheckMessage(ArrowMessage.Read(SchemaMessage(ArrowSchemaGuard.MaxDepth + 1), 0)));
        Assert.Contains($"more than {ArrowSchemaGuard.MaxDepth} deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_whose_schema_loops_is_an_error_naming_it_not_a_stack_overflow()
    {
        byte[] metadata = SchemaMessage(3, loop: true);
        var stream = new MemoryStream();
        stream.Write(BitConverter.GetBytes(-1));
        stream.Write(BitConverter.GetBytes(metadata.Length));
        stream.Write(metadata);
        stream.Write(ArrowEndOfStream);
        stream.Position = 0;

        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ArrowSource<Measurement>(stream, "looping.arrows")));

        Assert.Contains("'looping.arrows'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a well-formed flatbuffer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_batch_claiming_more_rows_than_arrow_counts_is_refused_when_a_shuffled_pass_plans()
    {
        byte[] bytes = await TenMeasurementsAsync();
        SetFirstBatchRows(bytes, 1L << 50);
        using var streaming = new StreamingDataset<Measurement>(new ArrowSource<Measurement>(new MemoryStream(bytes), "claims.arrows"), 2).WithShuffle(1);

        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => streaming.Rows().Count());

        Assert.Contains("'claims.arrows'", error.Message, StringComparison.Ordinal);
        Assert.Matches($@"claims a body of \d+ bytes and {1L << 50} rows", error.Message);
    }

    [Fact]
    public async Task A_record_batch_claiming_more_rows_than_its_buffers_hold_is_refused_before_its_store_is_rented()
    {
        byte[] bytes = await TenMeasurementsAsync();
        SetFirstBatchRows(bytes, int.MaxValue - 7);

        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ArrowSource<Measurement>(new MemoryStream(bytes), "claims.arrows")));

        Assert.Contains($"record batch 0 claims {int.MaxValue - 7} rows, more than its columns' buffers hold", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Arrow's reader sizes arrays by the record batch's vector counts as the message states them: a count of a billion
    /// field nodes in a 30 KB stream (found by coverage-guided fuzzing) allocated 14 GB before failing.
    /// </summary>
    [Fact]
    public async Task A_record_batch_claiming_more_field_nodes_than_its_metadata_holds_is_refused_before_arrow_reads_it()
    {
        byte[] bytes = await TenMeasurementsAsync();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(FirstBatchVector(bytes, field: 1)), 1_000_000_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ArrowStreams.ReadOnThisThread<Measurement>(bytes, "claims.arrows"));

        Assert.Contains("'claims.arrows'", error.Message, StringComparison.Ordinal);
        Assert.Contains("a record batch claims 1000000000 field nodes", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }

    /// <summary>A column's field node claiming more values than its batch has rows once sized an 8 GB array for them.</summary>
    [Fact]
    public async Task A_column_claiming_more_values_than_its_batch_has_rows_is_refused_before_a_buffer_is_rented()
    {
        byte[] bytes = await TenMeasurementsAsync();
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(FirstBatchVector(bytes, field: 1) + 4), 1L << 30);

        long before = GC.GetAllocatedBytesForCurrentThread();
        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ArrowStreams.ReadOnThisThread<Measurement>(bytes, "claims.arrows"));

        Assert.Contains($"record batch 0 does not decode: column 'Id': it holds {1L << 30} values in a batch of 10 rows", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }

    /// <summary>Arrow's reader scales a decimal a digit at a time: a damaged scale of 452,984,850 took seconds a value.</summary>
    [Fact]
    public async Task A_decimal_of_a_scale_no_arrow_decimal_has_is_refused_with_the_schema()
    {
        var type = new Apache.Arrow.Types.Decimal128Type(37, 13);
        var schema = new Apache.Arrow.Schema.Builder().Field(new Apache.Arrow.Field("Reading", type, true, null)).Build();
        var batch = new Apache.Arrow.RecordBatch(schema, [new Apache.Arrow.Decimal128Array.Builder(type).Append(1.5m).Build()], 1);
        byte[] bytes = ArrowStreams.Of(batch).ToArray();
        byte[] precisionThenScale = [37, 0, 0, 0, 13, 0, 0, 0];
        int at = bytes.AsSpan().IndexOf(precisionThenScale) is >= 0 and int found ? found + 4 : bytes.AsSpan().IndexOf((byte[])[13, 0, 0, 0, 37, 0, 0, 0]);
        Assert.True(at >= 0, "the decimal's precision and scale are not side by side in the schema");
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), 452_984_850);

        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ArrowSource<MeasurementAllNullable>(new MemoryStream(bytes), "decimal.arrows")));

        Assert.Contains("'decimal.arrows'", error.Message, StringComparison.Ordinal);
        Assert.Contains("a decimal of precision 37 and scale 452984850, which no Arrow decimal has", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Arrow's reader allocates a message's body before reading it, and a stream that cannot seek cannot show the claim is
    /// longer than it: a damaged body length from a pipe had it allocate 13 to 16 GB (found by coverage-guided fuzzing).
    /// </summary>
    [Fact]
    public async Task A_body_longer_than_a_one_way_stream_is_refused_without_allocating_it()
    {
        byte[] bytes = await TenMeasurementsAsync();
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(FirstBatchField(bytes, field: 3, ofMessage: true)), 1L << 30);

        long before = GC.GetAllocatedBytesForCurrentThread();
        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ArrowStreams.ReadOnThisThread<Measurement>(bytes, "claims.arrows", canSeek: false));

        Assert.Contains("the stream ends inside a message body", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }

    /// <summary>
    /// Arrow's reader counts a field present when its vtable slot starts inside the vtable, even where an odd vtable size
    /// ends inside the slot: a schema whose children only Arrow saw (found by coverage-guided fuzzing) had it allocate 13 GB.
    /// </summary>
    [Fact]
    public void Children_in_the_last_slot_of_an_odd_sized_vtable_are_walked_as_arrow_walks_them()
    {
        byte[] metadata = SchemaMessage(3, loop: true);
        const int FieldVtable = 44;
        BinaryPrimitives.WriteUInt16LittleEndian(metadata.AsSpan(FieldVtable), 15);

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ArrowSchemaGuard.CheckMessage(ArrowMessage.Read(metadata, 0)));

        Assert.Contains("not a well-formed flatbuffer", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Arrow's reader reads a vtable's size as a signed short, so one of 32 KB or more hides every field from it: it then
    /// took a record batch for a message of no body and read the body as the next message's length (found by fuzzing).
    /// </summary>
    [Fact]
    public async Task A_message_whose_vtable_claims_32_KB_or_more_is_refused_before_arrow_misreads_its_body()
    {
        byte[] bytes = await TenMeasurementsAsync();
        (int table, int body) = FirstBatchMessage(bytes);
        int vtable = table - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(table));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(vtable), (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(vtable)) | 0x8000));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(body), 1 << 30);

        long before = GC.GetAllocatedBytesForCurrentThread();
        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ArrowStreams.ReadOnThisThread<Measurement>(bytes, "claims.arrows"));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.Contains("'claims.arrows'", error.Message, StringComparison.Ordinal);
        Assert.Contains("has metadata that is not a flatbuffer Message", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Where the schema belongs, Arrow's reader takes an end marker for "no schema yet" and reads on: the message after it
    /// must be checked too, or a damaged length there is allocated (1.2 GB in the input fuzzing found).
    /// </summary>
    [Fact]
    public void A_message_after_an_end_marker_where_the_schema_belongs_is_checked_too()
    {
        byte[] bytes = [0, 0, 0, 0, 0, 0, 0, 0x40, .. new byte[64]];

        long before = GC.GetAllocatedBytesForCurrentThread();
        AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ArrowStreams.ReadOnThisThread<Measurement>(bytes, "claims.arrows"));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.Contains($"claims {1 << 30} bytes of metadata", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A stream whose schema follows an end marker fails Arrow's reader; a shuffled pass must not read it as empty.</summary>
    [Fact]
    public async Task A_stream_whose_schema_follows_an_end_marker_fails_in_a_shuffled_pass_as_in_a_plain_one()
    {
        byte[] bytes = [0, 0, 0, 0, .. await TenMeasurementsAsync()];

        AlimentarException plain = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ArrowSource<Measurement>(new MemoryStream(bytes), "late.arrows")));
        using var shuffled = new StreamingDataset<Measurement>(new ArrowSource<Measurement>(new MemoryStream(bytes), "late.arrows"), 2).WithShuffle(1);
        AlimentarException planned = Assert.ThrowsAny<AlimentarException>(() => shuffled.Rows().Count());

        Assert.Contains("'late.arrows'", plain.Message, StringComparison.Ordinal);
        Assert.Contains("'late.arrows'", planned.Message, StringComparison.Ordinal);
        Assert.Contains("end marker at offset 0 comes before its schema", planned.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A stream cut off inside a message's framing was read by Arrow's reader as ending there, rows and all, while a
    /// shuffled pass refused it; both refuse it now, with its name, so a truncated stream is never taken for a whole one.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public async Task A_stream_cut_off_inside_a_message_framing_is_refused_by_every_pass(int framingBytes)
    {
        byte[] whole = await TenMeasurementsAsync();
        byte[] bytes = [.. whole.AsSpan(0, whole.Length - ArrowEndOfStream.Length), .. new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x10, 0 }.AsSpan(0, framingBytes)];
        int cut = whole.Length - ArrowEndOfStream.Length;

        AlimentarException plain = Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(new ArrowSource<Measurement>(new MemoryStream(bytes), "cut.arrows")));
        using var shuffled = new StreamingDataset<Measurement>(new ArrowSource<Measurement>(new MemoryStream(bytes), "cut.arrows"), 2).WithShuffle(1);
        AlimentarException planned = Assert.ThrowsAny<AlimentarException>(() => shuffled.Rows().Count());

        foreach (AlimentarException error in new[] { plain, planned })
        {
            Assert.Contains("'cut.arrows'", error.Message, StringComparison.Ordinal);
            Assert.Contains($"the message at offset {cut} is cut off in its framing", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Each buffer of a compressed body states the length it decompresses to, and Arrow's reader allocates that first: a
    /// damaged length had a 2 KB stream take 2 GB of native memory. A Zstandard frame states its content size, which the
    /// claim must equal; Arrow's LZ4 frames do not, and the claim must be one the codec can make from the frame's bytes.
    /// </summary>
    [Theory]
    [InlineData(CompressionCodecType.Zstd, "but its frame states")]
    [InlineData(CompressionCodecType.Lz4Frame, "but LZ4 makes at most")]
    public async Task A_compressed_buffer_claiming_more_than_its_frame_can_hold_is_refused_before_arrow_allocates_it(CompressionCodecType codec, string why)
    {
        byte[] bytes = await TenMeasurementsAsync(codec);
        int body = FirstBatchMessage(bytes).Body;
        int vector = FirstBatchVector(bytes, field: 2);
        int compressed = Enumerable.Range(0, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(vector)))
            .Select(i => body + (int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(vector + 4 + (16 * i))))
            .First(at => BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at)) > 0);
        ParquetFiles.ReadAll(new ArrowSource<Measurement>(new MemoryStream(bytes), "claims.arrows"));
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(compressed), 1L << 30);

        foreach (bool canSeek in new[] { true, false })
        {
            AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ArrowStreams.ReadOnThisThread<Measurement>(bytes, "claims.arrows", canSeek));

            Assert.Contains("'claims.arrows'", error.Message, StringComparison.Ordinal);
            Assert.Contains($"claims to decompress to {1L << 30} bytes, {why}", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Arrow's reader reads a buffer entry past the end of a buffer vector that holds too few before it notices, and
    /// decompresses it: a record batch whose vector claimed no buffers had it allocate 1.2 GB (found by fuzzing). What it
    /// allocates for a message is held to what the message's body can hold or decompress to.
    /// </summary>
    [Fact]
    public async Task A_buffer_read_past_a_short_buffer_vector_is_held_to_what_the_body_can_decompress_to()
    {
        byte[] bytes = await TenMeasurementsAsync(CompressionCodecType.Lz4Frame);
        int body = FirstBatchMessage(bytes).Body;
        int vector = FirstBatchVector(bytes, field: 2);
        int entry = Enumerable.Range(0, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(vector)))
            .Select(i => vector + 4 + (16 * i))
            .First(at => BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 8)) >= 8);
        bytes.AsSpan(entry, 16).CopyTo(bytes.AsSpan(vector + 4));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(vector), 0);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(body + (int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(entry))), 1L << 30);

        foreach (bool canSeek in new[] { true, false })
        {
            AlimentarException error = Assert.ThrowsAny<AlimentarException>(() => ArrowStreams.ReadOnThisThread<Measurement>(bytes, "claims.arrows", canSeek));

            Assert.Contains("'claims.arrows'", error.Message, StringComparison.Ordinal);
            Assert.Contains($"asks for {1 << 30} bytes, more than its body can hold or decompress to", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>An IPC stream of one record batch of ten measurements, its body compressed by Apache Arrow's writer.</summary>
    private static async Task<byte[]> TenMeasurementsAsync(CompressionCodecType codec)
    {
        using var ipc = new MemoryStream();
        var options = new IpcOptions { CompressionCodec = codec, CompressionCodecFactory = new CompressionCodecFactory() };
        using (Batch<Measurement> batch = Batch<Measurement>.FromRows(Enumerable.Range(0, 10).Select(i => new Measurement(i, "s", i)).ToArray()))
        using (var writer = new ArrowStreamWriter(ipc, BatchArrowExtensions.ArrowSchemaOf<Measurement>(), leaveOpen: true, options))
        {
            await writer.WriteRecordBatchAsync(batch.ToArrow());
            await writer.WriteEndAsync();
        }

        return ipc.ToArray();
    }

    /// <summary>An IPC stream of one record batch of ten measurements.</summary>
    private static async Task<byte[]> TenMeasurementsAsync()
    {
        using var ipc = new MemoryStream();
        using (Batch<Measurement> batch = Batch<Measurement>.FromRows(Enumerable.Range(0, 10).Select(i => new Measurement(i, "s", i)).ToArray()))
        {
            await ArrowIpc.WriteAsync(ipc, [batch]);
        }

        return ipc.ToArray();
    }

    /// <summary>Where the table of the stream's first record batch message (its second) lies, and where its body starts.</summary>
    private static (int Table, int Body) FirstBatchMessage(byte[] stream)
    {
        int second = 8 + BinaryPrimitives.ReadInt32LittleEndian(stream.AsSpan(4));
        int metadata = second + 8;
        return (metadata + BinaryPrimitives.ReadInt32LittleEndian(stream.AsSpan(metadata)), metadata + BinaryPrimitives.ReadInt32LittleEndian(stream.AsSpan(second + 4)));
    }

    /// <summary>Overwrites the row count in the metadata of a stream's first record batch (its second message).</summary>
    private static void SetFirstBatchRows(byte[] stream, long rows) =>
        BinaryPrimitives.WriteInt64LittleEndian(stream.AsSpan(FirstBatchField(stream, 0)), rows);

    /// <summary>Where the vector that field <paramref name="field"/> of the stream's first record batch points to starts: its count.</summary>
    private static int FirstBatchVector(byte[] stream, int field)
    {
        int at = FirstBatchField(stream, field);
        return at + BinaryPrimitives.ReadInt32LittleEndian(stream.AsSpan(at));
    }

    /// <summary>
    /// Where field <paramref name="field"/> of the stream's first record batch (its second message) lies, or with
    /// <paramref name="ofMessage"/> of the message holding it.
    /// </summary>
    private static int FirstBatchField(byte[] stream, int field, bool ofMessage = false)
    {
        int at = 0;
        for (int message = 0; ; message++)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(stream.AsSpan(at + 4));
            int metadata = at + 8;
            int table = metadata + BinaryPrimitives.ReadInt32LittleEndian(stream.AsSpan(metadata));
            if (message == 1 && ofMessage)
            {
                return Field(stream, table, field);
            }

            if (message == 1)
            {
                int header = Field(stream, table, 2);
                int recordBatch = header + BinaryPrimitives.ReadInt32LittleEndian(stream.AsSpan(header));
                return Field(stream, recordBatch, field);
            }

            int body = Field(stream, table, 3);
            at = metadata + length + (body == table ? 0 : (int)BinaryPrimitives.ReadInt64LittleEndian(stream.AsSpan(body)));
        }

        // A field left out (its default) has offset 0 in the vtable, or lies past the vtable's end: it is then the table itself.
        static int Field(byte[] bytes, int table, int field)
        {
            int vtable = table - BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(table));
            int slot = 4 + (2 * field);
            return slot + 2 > BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(vtable)) ? table : table + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(vtable + slot));
        }
    }

    private static byte[] ArrowEndOfStream => [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];
}
