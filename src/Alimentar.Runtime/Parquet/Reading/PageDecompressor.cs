using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using K4os.Compression.LZ4;

namespace Alimentar.ParquetBinding.Reading;

/// <summary>
/// Decompresses one page at a time into a buffer the caller owns, for every codec Parquet writers use.
/// The output must come to exactly the size the page header declares: anything else is corrupt data,
/// reported as <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class PageDecompressor : IDisposable
{
    private readonly CompressionCodec _codec;
    private ZstdSharp.Decompressor? _zstd;

    public PageDecompressor(CompressionCodec codec)
    {
        if (codec is not (CompressionCodec.Uncompressed or CompressionCodec.Snappy or CompressionCodec.Gzip or CompressionCodec.Brotli
            or CompressionCodec.Lz4 or CompressionCodec.Zstd or CompressionCodec.Lz4Raw))
        {
            throw new NotSupportedException($"the {codec.ToString().ToUpperInvariant()} codec is not supported");
        }

        _codec = codec;
    }

    public CompressionCodec Codec => _codec;

    /// <summary>Decompresses <paramref name="source"/> into all of <paramref name="destination"/>.</summary>
    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written = _codec switch
        {
            CompressionCodec.Uncompressed => Copy(source, destination),
            CompressionCodec.Snappy => Snappier.Snappy.Decompress(source, destination),
            CompressionCodec.Gzip => Gzip(source, destination),
            CompressionCodec.Brotli => Brotli(source, destination),
            CompressionCodec.Zstd => (_zstd ??= new ZstdSharp.Decompressor()).Unwrap(source, destination),
            CompressionCodec.Lz4Raw => Lz4Raw(source, destination),
            CompressionCodec.Lz4 => HadoopLz4(source, destination),
            _ => throw new NotSupportedException($"the {_codec} codec is not supported"),
        };

        if (written != destination.Length)
        {
            throw new InvalidDataException($"a {_codec.ToString().ToUpperInvariant()} page decompressed to {written} bytes where its header declares {destination.Length}");
        }
    }

    public void Dispose() => _zstd?.Dispose();

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length != destination.Length)
        {
            return source.Length;
        }

        source.CopyTo(destination);
        return source.Length;
    }

    private static int Lz4Raw(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written = LZ4Codec.Decode(source, destination);
        return written < 0 ? throw new InvalidDataException("an LZ4 page is corrupt") : written;
    }

    /// <summary>
    /// Hadoop's LZ4 framing: blocks of [uncompressed length, compressed length] (big-endian) then LZ4 data.
    /// Older parquet-cpp wrote LZ4 pages raw under the same codec number, so a page the framing does not
    /// describe exactly is read as raw LZ4 instead, as Arrow C++ does.
    /// </summary>
    private static int HadoopLz4(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (TryHadoopLz4(source, destination, out int written))
        {
            return written;
        }

        return Lz4Raw(source, destination);
    }

    private static bool TryHadoopLz4(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        written = 0;
        while (source.Length >= 8)
        {
            uint expanded = BinaryPrimitives.ReadUInt32BigEndian(source);
            uint compressed = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
            source = source[8..];
            if (compressed > (uint)source.Length || expanded > (uint)(destination.Length - written))
            {
                return false;
            }

            int decoded = LZ4Codec.Decode(source[..(int)compressed], destination.Slice(written, (int)expanded));
            if (decoded != expanded)
            {
                return false;
            }

            written += decoded;
            source = source[(int)compressed..];
        }

        return source.IsEmpty && written == destination.Length;
    }

    private static int Brotli(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        using var decoder = new BrotliDecoder();
        OperationStatus status = decoder.Decompress(source, destination, out _, out int written);
        return status is OperationStatus.Done or OperationStatus.DestinationTooSmall
            ? written
            : throw new InvalidDataException($"a BROTLI page is corrupt ({status})");
    }

    /// <summary>GZIP, including pages written as several concatenated gzip members.</summary>
    private static unsafe int Gzip(ReadOnlySpan<byte> source, Span<byte> destination)
    {
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
