namespace Alimentar.Parquet.Reading;

/// <summary>
/// The pages of a column a file lacks: read as null in every row (<see cref="ParquetReadOptions.MissingColumnsAsNull"/>;
/// bound by <see cref="MissingMember"/>), or as the one value the file's path gives (<see cref="HivePartition"/>). Each
/// row group reads each of the member's leaves from pages made here, in memory: levels that say, for every row, that
/// the member itself is null (definition level 0, a new row), or a one-entry dictionary and every row's index into
/// it. So everything past the binding (lists, records, batches, skipping, side-by-side decoding, filters and their
/// statistics) reads it as it reads a column a writer wrote, with no path of its own.
/// </summary>
internal static class AbsentColumn
{
    // Slots per made page: well under what a page may claim (ColumnChunkReader's limit), so any row group fits.
    private const int RowsPerPage = 1 << 20;

    /// <summary>Where a row group's pages of the column are: the whole of <see cref="Pages"/>, uncompressed.</summary>
    public static ColumnChunkLayout Layout(BoundColumn column, int rows)
    {
        int length = PageBytes(column, rows).Length;
        return new ColumnChunkLayout(0, length, CompressionCodec.Uncompressed, column.FileType.Physical, column.FileType.TypeLength,
            column.Field.MaxDefinitionLevel, column.Field.MaxRepetitionLevel, rows, length);
    }

    /// <summary>The column chunk's metadata as a filter sees it: every value null, or every value the partition's, and nothing else known.</summary>
    public static ColumnChunkMetadata Metadata(BoundColumn column, long rows) => new()
    {
        Type = column.FileType.Physical,
        PathInSchema = [column.Descriptor.Name],
        Codec = CompressionCodec.Uncompressed,
        ValueCount = rows,
        Statistics = column.Partition is { IsNull: false } value
            ? new ColumnStatistics { NullCount = 0, MinValue = value.Statistic, MaxValue = value.Statistic }
            : new ColumnStatistics { NullCount = rows },
    };

    /// <summary>The row group's pages of the column, to be read at <see cref="Layout"/>.</summary>
    public static IRangeReader Pages(BoundColumn column, int rows) => new InMemoryPages(PageBytes(column, rows));

    // The last pages made: a row group's layout, the next one's (read ahead) and its reader all ask for the same
    // bytes, and row groups mostly share a row count, so they are made once, not three times per row group. Read
    // and replaced whole, so threads need no lock.
    private static PagesMade? s_lastMade;

    private sealed record PagesMade(int Rows, bool Repeated, bool Defined, PartitionValue? Value, byte[] Bytes);

    private static byte[] PageBytes(BoundColumn column, int rows)
    {
        LeafColumn leaf = column.Field;
        bool repeated = leaf.MaxRepetitionLevel > 0, defined = leaf.MaxDefinitionLevel > 0;
        PartitionValue? value = column.Partition is { IsNull: false } partition ? partition : null;
        if (s_lastMade is { } made && made.Rows == rows && made.Repeated == repeated && made.Defined == defined && ReferenceEquals(made.Value, value))
        {
            return made.Bytes;
        }

        byte[] bytes = value is null ? NullPages(rows, repeated, defined) : ValuePages(rows, value);
        s_lastMade = new PagesMade(rows, repeated, defined, value, bytes);
        return bytes;
    }

    /// <summary>
    /// v1 data pages of one slot per row, each null at the top: an RLE run of repetition level 0 (where the leaf is
    /// in a list), then one of definition level 0, and no values.
    /// </summary>
    private static byte[] NullPages(int rows, bool repeated, bool defined)
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

            WritePage(output, body, slots, ParquetEncoding.Plain);
        }

        return output.Span.ToArray();
    }

    /// <summary>
    /// A required flat column of one value: a dictionary page holding it, then v1 data pages of one RLE run of index 0
    /// (a BOOLEAN, which has no dictionary, as PLAIN bits instead).
    /// </summary>
    private static byte[] ValuePages(int rows, PartitionValue value)
    {
        using var output = new ByteBuffer();
        using var body = new ByteBuffer(32);
        bool boolean = value.Element.Type == PhysicalType.Boolean;
        if (!boolean)
        {
            body.Write(value.Plain);
            new PageHeader
            {
                Type = PageType.DictionaryPage,
                UncompressedSize = body.Length,
                CompressedSize = body.Length,
                ValueCount = 1,
                Encoding = ParquetEncoding.Plain,
            }.WriteTo(output);
            output.Write(body.Span);
        }

        for (int first = 0; first < rows; first += RowsPerPage)
        {
            int slots = Math.Min(RowsPerPage, rows - first);
            body.Clear();
            if (boolean)
            {
                byte bits = value.Plain[0] != 0 ? (byte)0xFF : (byte)0;
                for (int i = 0; i < (slots + 7) / 8; i++)
                {
                    body.WriteByte(bits);
                }
            }
            else
            {
                body.WriteByte(1); // the indexes' bit width
                body.WriteVarint((ulong)slots << 1);
                body.WriteByte(0);
            }

            WritePage(output, body, slots, boolean ? ParquetEncoding.Plain : ParquetEncoding.RleDictionary);
        }

        return output.Span.ToArray();
    }

    private static void WritePage(ByteBuffer output, ByteBuffer body, int slots, ParquetEncoding encoding)
    {
        new PageHeader
        {
            Type = PageType.DataPage,
            UncompressedSize = body.Length,
            CompressedSize = body.Length,
            ValueCount = slots,
            Encoding = encoding,
            DefinitionLevelEncoding = ParquetEncoding.Rle,
            RepetitionLevelEncoding = ParquetEncoding.Rle,
        }.WriteTo(output);
        output.Write(body.Span);
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
