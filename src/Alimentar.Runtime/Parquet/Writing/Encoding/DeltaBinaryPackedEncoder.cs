using System.Numerics;
using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>
/// DELTA_BINARY_PACKED: the first value, then blocks of 128 deltas, each block its least delta and four miniblocks
/// of 32 deltas above it packed at the miniblock's width. Sorted or slowly changing integers (ids, timestamps,
/// offsets) take a few bits per value. Deltas wrap in the column's width, as readers add them.
/// </summary>
internal static class DeltaBinaryPackedEncoder
{
    private const int BlockSize = 128;
    private const int Miniblocks = 4;
    private const int MiniblockSize = BlockSize / Miniblocks;

    public static void Encode(ReadOnlySpan<int> values, ByteBuffer output) => Encode(values, bits: 32, output);

    public static void Encode(ReadOnlySpan<long> values, ByteBuffer output) => Encode(values, bits: 64, output);

    private static void Encode<T>(ReadOnlySpan<T> values, int bits, ByteBuffer output)
        where T : IBinaryInteger<T>
    {
        WriteHeader(values.Length, values.IsEmpty ? 0 : long.CreateTruncating(values[0]), output);
        Span<long> deltas = stackalloc long[BlockSize];
        for (int start = 1; start < values.Length; start += BlockSize)
        {
            int count = Math.Min(BlockSize, values.Length - start);
            for (int i = 0; i < count; i++)
            {
                // Subtracting in T wraps in the column's width, as readers add the deltas back.
                deltas[i] = long.CreateTruncating(values[start + i] - values[start + i - 1]);
            }

            WriteBlock(deltas[..count], bits, output);
        }
    }

    private static void WriteHeader(int count, long first, ByteBuffer output)
    {
        output.WriteVarint(BlockSize);
        output.WriteVarint(Miniblocks);
        output.WriteVarint((ulong)count);
        output.WriteZigZag(first);
    }

    /// <summary>One block: deltas relative to their least, in the column's width (<paramref name="bits"/>).</summary>
    private static void WriteBlock(ReadOnlySpan<long> deltas, int bits, ByteBuffer output)
    {
        long min = long.MaxValue;
        foreach (long delta in deltas)
        {
            min = Math.Min(min, delta);
        }

        output.WriteZigZag(min);
        Span<ulong> relative = stackalloc ulong[BlockSize];
        relative.Clear();
        for (int i = 0; i < deltas.Length; i++)
        {
            ulong above = unchecked((ulong)(deltas[i] - min));
            relative[i] = bits == 32 ? (uint)above : above;
        }

        int used = (deltas.Length + MiniblockSize - 1) / MiniblockSize;
        Span<byte> widths = stackalloc byte[Miniblocks];
        widths.Clear();
        for (int m = 0; m < used; m++)
        {
            ulong largest = 0;
            foreach (ulong value in relative.Slice(m * MiniblockSize, MiniblockSize))
            {
                largest |= value;
            }

            widths[m] = (byte)BitPacker.Width(largest);
        }

        output.Write(widths);
        for (int m = 0; m < used; m++)
        {
            BitPacker.Pack(relative.Slice(m * MiniblockSize, MiniblockSize), widths[m], output);
        }
    }
}
