using System.Buffers;
using System.IO.Compression;

namespace Alimentar.Parquet.Reading.Codecs;

/// <summary>BROTLI pages, through the framework's decoder.</summary>
internal static class BrotliCodec
{
    public static int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        using var decoder = new BrotliDecoder();

        // With no room at all the decoder reports too small a destination even for a stream of nothing (an empty
        // dictionary page, or the values of a page of nulls): a byte of room lets it say whether the stream is empty.
        Span<byte> room = stackalloc byte[1];
        OperationStatus status = decoder.Decompress(source, destination.IsEmpty ? room : destination, out _, out int written);

        // Output that does not fit is a page longer than its header declares: report one byte more, as the
        // other codecs do, rather than the truncated length that would pass for the declared one.
        return status switch
        {
            OperationStatus.Done => written,
            OperationStatus.DestinationTooSmall => written + 1,
            _ => throw new InvalidDataException($"a BROTLI page is corrupt ({status})"),
        };
    }

    /// <summary>
    /// Decompresses into <paramref name="buffer"/>, which starts at <paramref name="initialLength"/> and grows (from
    /// the column pool) only as output actually arrives, up to <paramref name="declaredLength"/>: Brotli can expand
    /// a few bytes into megabytes, so no ratio bounds what a page may declare, and a buffer sized by the header
    /// alone would let a tiny damaged file claim a gigabyte.
    /// </summary>
    /// <returns>The bytes written; more than <paramref name="declaredLength"/> when the page holds more.</returns>
    public static int DecompressGrowing(ReadOnlySpan<byte> source, int declaredLength, int initialLength, ref byte[] buffer)
    {
        if (declaredLength == 0)
        {
            return Decompress(source, []);
        }

        using var decoder = new BrotliDecoder();
        int length = Math.Min(declaredLength, initialLength);
        Grow(ref buffer, length, keep: 0);
        int written = 0;
        while (true)
        {
            OperationStatus status = decoder.Decompress(source, buffer.AsSpan(written, length - written), out int consumed, out int produced);
            source = source[consumed..];
            written += produced;
            switch (status)
            {
                case OperationStatus.Done:
                    return written;
                case OperationStatus.DestinationTooSmall when length == declaredLength:
                    return written + 1;
                case OperationStatus.DestinationTooSmall:
                    length = (int)Math.Min(declaredLength, 4L * length);
                    Grow(ref buffer, length, keep: written);
                    break;
                default:
                    throw new InvalidDataException($"a BROTLI page is corrupt ({status})");
            }
        }
    }

    private static void Grow(ref byte[] buffer, int length, int keep)
    {
        if (buffer.Length >= length)
        {
            return;
        }

        byte[] grown = ColumnArrays<byte>.Pool.Rent(length);
        buffer.AsSpan(0, keep).CopyTo(grown);
        if (buffer.Length > 0)
        {
            ColumnArrays<byte>.Pool.Return(buffer);
        }

        buffer = grown;
    }
}
