namespace Alimentar.Parquet.Reading;

/// <summary>
/// The pages of a column a file lacks, read as null in every row (<see cref="ParquetReadOptions.MissingColumnsAsNull"/>;
/// bound by <see cref="MissingMember"/>): each row group reads each of the member's leaves from pages made here, in
/// memory, whose levels say, for every row, that the member itself is null (definition level 0, a new row). So
/// everything past the binding (lists, records, batches, skipping, side-by-side decoding, filters and their
/// statistics) reads it as it reads a column of nulls a writer wrote, with no path of its own.
/// </summary>
internal static class AbsentColumn
{
    // Slots per made page: well under what a page may claim (ColumnChunkReader's limit), so any row group fits.
    private const int RowsPerPage = 1 << 20;

    /// <summary>Where a row group's pages of the column are: the whole of <see cref="Pages"/>, uncompressed.</summary>
    public static ColumnChunkLayout Layout(BoundColumn column, int rows)
    {
        int length = PageBytes(column.Field, rows).Length;
        return new ColumnChunkLayout(0, length, CompressionCodec.Uncompressed, column.FileType.Physical, column.FileType.TypeLength,
            column.Field.MaxDefinitionLevel, column.Field.MaxRepetitionLevel, rows, length);
    }

    /// <summary>The column chunk's metadata as a filter sees it: every value null, and nothing else known.</summary>
    public static ColumnChunkMetadata Metadata(BoundColumn column, long rows) => new()
    {
        Type = column.FileType.Physical,
        PathInSchema = [column.Descriptor.Name],
        Codec = CompressionCodec.Uncompressed,
        ValueCount = rows,
        Statistics = new ColumnStatistics { NullCount = rows },
    };

    /// <summary>The row group's pages of the column, to be read at <see cref="Layout"/>.</summary>
    public static IRangeReader Pages(BoundColumn column, int rows) => new InMemoryPages(PageBytes(column.Field, rows));

    // The last pages made: a row group's layout, the next one's (read ahead) and its reader all ask for the same
    // bytes, and row groups mostly share a row count, so they are made once, not three times per row group. Read
    // and replaced whole, so threads need no lock.
    private static PagesMade? s_lastMade;

    private sealed record PagesMade(int Rows, bool Repeated, bool Defined, byte[] Bytes);

    /// <summary>
    /// v1 data pages of one slot per row, each null at the top: an RLE run of repetition level 0 (where the leaf is
    /// in a list), then one of definition level 0, and no values.
    /// </summary>
    private static byte[] PageBytes(LeafColumn leaf, int rows)
    {
        bool repeated = leaf.MaxRepetitionLevel > 0, defined = leaf.MaxDefinitionLevel > 0;
        if (s_lastMade is { } made && made.Rows == rows && made.Repeated == repeated && made.Defined == defined)
        {
            return made.Bytes;
        }

        byte[] bytes = MakePages(rows, repeated, defined);
        s_lastMade = new PagesMade(rows, repeated, defined, bytes);
        return bytes;
    }

    private static byte[] MakePages(int rows, bool repeated, bool defined)
    {
        using var output = new ByteBuffer();
        using var body = new ByteBuffer(32);
        for (int first = 0; first < rows; first += RowsPerPage)
        {
            int slots = Math.Min(RowsPerPage, rows - first);
            body.Clear();
            if (repeated)
            {
                ZeroLevels(body, slots);
            }

            if (defined)
            {
                ZeroLevels(body, slots);
            }

            new PageHeader
            {
                Type = PageType.DataPage,
                UncompressedSize = body.Length,
                CompressedSize = body.Length,
                ValueCount = slots,
                Encoding = ParquetEncoding.Plain,
                DefinitionLevelEncoding = ParquetEncoding.Rle,
                RepetitionLevelEncoding = ParquetEncoding.Rle,
            }.WriteTo(output);
            output.Write(body.Span);
        }

        return output.Span.ToArray();
    }

    /// <summary>Levels of 0 for <paramref name="slots"/> slots: their length, then one RLE run whose value takes a byte (levels are under 256).</summary>
    private static void ZeroLevels(ByteBuffer body, int slots)
    {
        int start = body.Length;
        body.WriteInt32(0); // the length, set below
        body.WriteVarint((ulong)slots << 1);
        body.WriteByte(0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(body.Written(start, 4), body.Length - start - 4);
    }

    private sealed class InMemoryPages(byte[] bytes) : IRangeReader
    {
        public long Length => bytes.Length;

        public ValueTask ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
        {
            if (offset < 0 || offset + destination.Length > bytes.Length)
            {
                throw new EndOfStreamException($"bytes {offset} to {offset + destination.Length} of {bytes.Length}");
            }

            bytes.AsSpan((int)offset, destination.Length).CopyTo(destination.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
