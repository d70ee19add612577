using System.Buffers;
using System.Buffers.Binary;
using Alimentar.Parquet.Format;
using Alimentar.Parquet.Reading;

namespace Alimentar.Benchmarks;

/// <summary>
/// The physical floor of reading a file: every column chunk's bytes read from the file and every page decompressed
/// with the codec library the readers use, nothing decoded. A reader's distance from this is what its decoding costs.
/// </summary>
public static class PageFloor
{
    /// <summary>Reads and decompresses every page of <paramref name="path"/>; returns the decompressed bytes.</summary>
    public static long ReadAndDecompress(string path)
    {
        using Microsoft.Win32.SafeHandles.SafeFileHandle file = File.OpenHandle(path);
        long length = RandomAccess.GetLength(file);
        var tail = new byte[8];
        RandomAccess.Read(file, tail, length - 8);
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        var footer = new byte[footerLength];
        RandomAccess.Read(file, footer, length - 8 - footerLength);
        FileMetadata metadata = FooterParser.Parse(footer);

        long total = 0;
        byte[] output = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            foreach (RowGroupMetadata rowGroup in metadata.RowGroups)
            {
                foreach (ColumnChunkMetadata column in rowGroup.Columns)
                {
                    long start = column.DictionaryPageOffset is { } dictionary && dictionary > 0 ? Math.Min(dictionary, column.DataPageOffset) : column.DataPageOffset;
                    byte[] chunk = ArrayPool<byte>.Shared.Rent((int)column.TotalCompressedSize);
                    try
                    {
                        int read = RandomAccess.Read(file, chunk.AsSpan(0, (int)column.TotalCompressedSize), start);
                        var decompressor = new PageDecompressor(column.Codec);
                        for (int at = 0; at < read;)
                        {
                            PageHeader header = PageHeader.Parse(chunk.AsSpan(at, read - at));
                            int body = at + header.HeaderLength;

                            // v2 pages keep their levels uncompressed ahead of the values.
                            int levels = header.Type == PageType.DataPageV2 ? header.DefinitionLevelsLength + header.RepetitionLevelsLength : 0;
                            int size = header.UncompressedSize - levels;
                            if (output.Length < size)
                            {
                                ArrayPool<byte>.Shared.Return(output);
                                output = ArrayPool<byte>.Shared.Rent(size);
                            }

                            if (header.IsCompressed)
                            {
                                decompressor.Decompress(chunk.AsMemory(body + levels, header.CompressedSize - levels), output.AsMemory(0, size));
                            }

                            total += header.UncompressedSize;
                            at = body + header.CompressedSize;
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(chunk);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }

        return total;
    }
}
