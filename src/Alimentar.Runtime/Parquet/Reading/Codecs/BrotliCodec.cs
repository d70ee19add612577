using System.Buffers;
using System.IO.Compression;

namespace Alimentar.ParquetBinding.Reading.Codecs;

/// <summary>BROTLI pages, through the framework's decoder.</summary>
internal static class BrotliCodec
{
    public static int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        using var decoder = new BrotliDecoder();
        OperationStatus status = decoder.Decompress(source, destination, out _, out int written);
        return status is OperationStatus.Done or OperationStatus.DestinationTooSmall
            ? written
            : throw new InvalidDataException($"a BROTLI page is corrupt ({status})");
    }
}
