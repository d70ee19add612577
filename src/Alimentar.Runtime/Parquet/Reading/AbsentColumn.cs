using Alimentar.Parquet.Writing;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// A column the row type names and a file lacks, read as null in every row (<see cref="ParquetReadOptions.MissingColumnsAsNull"/>).
/// It is bound to a leaf of its own, outside the file's schema, typed as Alimentar would write the member; each row
/// group reads it from pages made here, in memory, whose definition levels say null for every row. So everything past
/// the binding (batches, skipping, side-by-side decoding, filters and their statistics) reads it as it reads a column
/// of nulls a writer wrote, with no path of its own to get wrong.
/// </summary>
internal static class AbsentColumn
{
    /// <summary>The leaf index of a column that is not in the file.</summary>
    public const int NotInFile = -1;

    // Slots per made page: well under what a page may claim (ColumnChunkReader's limit), so any row group fits.
    private const int RowsPerPage = 1 << 20;

    /// <summary>The leaf an absent <paramref name="column"/> is bound to: a top-level OPTIONAL column of the member's type.</summary>
    public static LeafColumn Leaf(ColumnDescriptor column) =>
        new(NotInFile, new ColumnPath([column.Name]), LeafTypes.Element(column.Name, Repetition.Optional, column), MaxDefinitionLevel: 1, MaxRepetitionLevel: 0)
        {
            Definitions = [1],
        };

    /// <summary>Where a row group's pages of the column are: the whole of <see cref="Pages"/>, uncompressed.</summary>
    public static ColumnChunkLayout Layout(BoundColumn column, int rows)
    {
        int length = PageBytes(rows).Length;
        return new ColumnChunkLayout(0, length, CompressionCodec.Uncompressed, column.FileType.Physical, column.FileType.TypeLength, 1, 0, rows, length);
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
    public static IRangeReader Pages(int rows) => new InMemoryPages(PageBytes(rows));

    /// <summary>v1 data pages of null slots: each an RLE run of definition level 0 and no values.</summary>
    private static byte[] PageBytes(int rows)
    {
        using var output = new ByteBuffer();
        using var body = new ByteBuffer(16);
        for (int first = 0; first < rows; first += RowsPerPage)
        {
            int slots = Math.Min(RowsPerPage, rows - first);
            body.Clear();
            body.WriteInt32(0); // the levels' length, set below
            body.WriteVarint((ulong)slots << 1);
            body.WriteByte(0);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(body.Written(0, 4), body.Length - 4);
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
