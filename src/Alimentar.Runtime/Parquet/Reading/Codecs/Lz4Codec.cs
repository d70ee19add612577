using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace Alimentar.Parquet.Reading.Codecs;

/// <summary>LZ4_RAW pages, and LZ4 pages in Hadoop's framing (or raw, as older parquet-cpp wrote them under that codec).</summary>
internal static class Lz4Codec
{
    public static int DecompressRaw(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written = DecodeBlock(source, destination);
        return written < 0 ? throw new InvalidDataException("an LZ4 page is corrupt") : written;
    }

    /// <summary>
    /// Hadoop's framing: blocks of [uncompressed length, compressed length] (big-endian) then LZ4 data. A page
    /// the framing does not describe exactly is read as raw LZ4 instead, as Arrow C++ does.
    /// </summary>
    public static int DecompressHadoop(ReadOnlySpan<byte> source, Span<byte> destination) =>
        TryHadoop(source, destination, out int written) ? written : DecompressRaw(source, destination);

    private static bool TryHadoop(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
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

            int decoded = DecodeBlock(source[..(int)compressed], destination.Slice(written, (int)expanded));
            if (decoded != expanded)
            {
                return false;
            }

            written += decoded;
            source = source[(int)compressed..];
        }

        return source.IsEmpty && written == destination.Length;
    }

    /// <summary>
    /// One LZ4 block, or -1 when it is corrupt. K4os refuses the block LZ4's reference encoder makes of no input (one
    /// token byte of no literals), which Arrow C++ writes for an empty dictionary page; it decodes to nothing.
    /// </summary>
    private static int DecodeBlock(ReadOnlySpan<byte> source, Span<byte> destination) =>
        destination.IsEmpty && source is [] or [0] ? 0 : LZ4Codec.Decode(source, destination);
}
