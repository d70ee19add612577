
namespace Alimentar.Parquet.Reading;

/// <summary>
/// Decompresses one page at a time into a buffer the caller owns, for every codec Parquet writers use;
/// each codec that needs more than a library call lives in its own file under <c>Codecs/</c>.
/// The output must come to exactly the size the page header declares: anything else is corrupt data,
/// reported as <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class PageDecompressor : IDisposable
{
    private readonly CompressionCodec _codec;
    private ZstdCodec? _zstd;

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

    /// <summary>
    /// The most bytes <paramref name="compressedBytes"/> bytes can decompress to with this codec, from each format's
    /// densest encoding: a header declaring more is corrupt, refused before a buffer is rented for it. BROTLI has
    /// no useful bound (a few bytes can describe megabytes), so its pages grow their buffer as output arrives.
    /// </summary>
    public long MostOutput(int compressedBytes) => _codec switch
    {
        CompressionCodec.Uncompressed => compressedBytes,
        CompressionCodec.Snappy => 22L * compressedBytes + 64, // a 3-byte copy yields at most 64 bytes
        CompressionCodec.Lz4 or CompressionCodec.Lz4Raw => 256L * compressedBytes + 64, // each extra length byte adds 255
        CompressionCodec.Gzip => 1_040L * compressedBytes + 1_024, // DEFLATE's limit is 1,032 to 1
        CompressionCodec.Zstd => 32_768L * compressedBytes + 1_024, // at most a 128 KiB block per 4 bytes
        _ => long.MaxValue,
    };

    /// <summary>Whether pages of this codec grow their buffer as they decompress (see <see cref="MostOutput"/>).</summary>
    public bool GrowsOutput => _codec == CompressionCodec.Brotli;

    /// <summary>Decompresses <paramref name="source"/> into all of <paramref name="destination"/>.</summary>
    public void Decompress(ReadOnlyMemory<byte> source, Memory<byte> destination)
    {
        int written = _codec switch
        {
            CompressionCodec.Uncompressed => Copy(source.Span, destination.Span),
            CompressionCodec.Snappy => SnappyCodec.Decompress(source.Span, destination.Span),
            CompressionCodec.Gzip => GzipCodec.Decompress(source.Span, destination.Span),
            CompressionCodec.Brotli => BrotliCodec.Decompress(source.Span, destination.Span),
            CompressionCodec.Zstd => (_zstd ??= new ZstdCodec()).Decompress(source.Span, destination.Span),
            CompressionCodec.Lz4Raw => Lz4Codec.DecompressRaw(source.Span, destination.Span),
            CompressionCodec.Lz4 => Lz4Codec.DecompressHadoop(source.Span, destination.Span),
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
}
