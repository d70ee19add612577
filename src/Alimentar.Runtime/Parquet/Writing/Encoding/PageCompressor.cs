using System.Collections.Concurrent;
using System.IO.Compression;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>
/// Compresses page bodies with the codec a column is written with, into a buffer the page writer owns. The codec
/// libraries are the ones the reader decompresses with, so the product carries one of each. ZSTD pages take a
/// compression context from a pool per level that the whole process shares, so a wide table's writer holds as many as
/// it compresses pages at once, not one per column.
/// </summary>
internal sealed class PageCompressor
{
    private static readonly ConcurrentDictionary<int, TrimmingObjectPool<ZstdSharp.Compressor>> ZstdContexts = new();

    private readonly int? _level;

    public PageCompressor(CompressionCodec codec, int? level)
    {
        if (codec is not (CompressionCodec.Uncompressed or CompressionCodec.Snappy or CompressionCodec.Gzip or CompressionCodec.Brotli
            or CompressionCodec.Zstd or CompressionCodec.Lz4Raw))
        {
            throw new NotSupportedException($"Pages cannot be written with the {codec} codec.");
        }

        Codec = codec;
        _level = level;
    }

    public CompressionCodec Codec { get; }

    /// <summary>Appends <paramref name="source"/>, compressed, to <paramref name="output"/>; returns the bytes appended.</summary>
    public int Compress(ReadOnlySpan<byte> source, ByteBuffer output)
    {
        int start = output.Length;
        switch (Codec)
        {
            case CompressionCodec.Uncompressed:
                output.Write(source);
                break;
            case CompressionCodec.Snappy:
                output.Advance(Snappier.Snappy.Compress(source, output.GetSpan(Snappier.Snappy.GetMaxCompressedLength(source.Length))));
                break;
            case CompressionCodec.Zstd:
                // Level 1 by default, as Arrow C++ and arrow-rs: on Parquet pages it is about a fifth faster than
                // ZSTD's own default of 3 and, pages being small, compresses them as well.
                CompressZstd(source, output, _level ?? 1);
                break;
            case CompressionCodec.Lz4Raw:
                output.Advance(K4os.Compression.LZ4.LZ4Codec.Encode(
                    source, output.GetSpan(K4os.Compression.LZ4.LZ4Codec.MaximumOutputSize(source.Length)), LevelOfLz4()));
                break;
            case CompressionCodec.Brotli:
                int most = BrotliEncoder.GetMaxCompressedLength(source.Length);
                if (!BrotliEncoder.TryCompress(source, output.GetSpan(most), out int written, _level ?? 4, 22))
                {
                    throw new InvalidOperationException("Brotli did not fit its own bound.");
                }

                output.Advance(written);
                break;
            case CompressionCodec.Gzip:
                using (var stream = new GZipStream(new ByteBufferStream(output), LevelOfGzip(), leaveOpen: false))
                {
                    stream.Write(source);
                }

                break;
        }

        return output.Length - start;
    }

    /// <summary>The ZSTD compression contexts made so far in this process, at every level, for tests.</summary>
    internal static long ZstdContextsCreated => ZstdContexts.Values.Sum(pool => pool.Created);

    private static void CompressZstd(ReadOnlySpan<byte> source, ByteBuffer output, int level)
    {
        TrimmingObjectPool<ZstdSharp.Compressor> pool = ZstdContexts.GetOrAdd(level, static level => CodecContexts.Pool(() => new ZstdSharp.Compressor(level)));
        ZstdSharp.Compressor context = pool.Rent();
        try
        {
            output.Advance(context.Wrap(source, output.GetSpan(ZstdSharp.Compressor.GetCompressBound(source.Length))));
        }
        catch
        {
            context.Dispose();
            throw;
        }

        pool.Return(context);
    }

    private CompressionLevel LevelOfGzip() => _level switch
    {
        null => CompressionLevel.Optimal,
        <= 0 => CompressionLevel.NoCompression,
        < 6 => CompressionLevel.Fastest,
        < 9 => CompressionLevel.Optimal,
        _ => CompressionLevel.SmallestSize,
    };

    private K4os.Compression.LZ4.LZ4Level LevelOfLz4() =>
        _level is { } level and > 2 ? (K4os.Compression.LZ4.LZ4Level)Math.Min(level, 12) : K4os.Compression.LZ4.LZ4Level.L00_FAST;

    /// <summary>A write-only stream that appends to a <see cref="ByteBuffer"/>, for codecs that only offer streams.</summary>
    private sealed class ByteBufferStream(ByteBuffer output) : WriteOnlyStream
    {
        public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => output.Write(buffer);
    }
}
