using System.IO.Compression;

namespace Alimentar.Parquet.Reading.Codecs;

/// <summary>GZIP pages, including pages written as several concatenated gzip members.</summary>
internal static class GzipCodec
{
    public static unsafe int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // No members at all, as .NET's GZipStream writes no bytes: nothing (and no stream over a null pointer).
        if (source.IsEmpty)
        {
            return 0;
        }

        fixed (byte* pointer = source)
        {
            using var input = new UnmanagedMemoryStream(pointer, source.Length);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            int written = 0;
            while (written < destination.Length)
            {
                int read = gzip.Read(destination[written..]);
                if (read == 0)
                {
                    break;
                }

                written += read;
            }

            // One byte more than declared means the page is longer than its header says.
            Span<byte> probe = stackalloc byte[1];
            return written == destination.Length && gzip.Read(probe) > 0 ? written + 1 : written;
        }
    }
}
