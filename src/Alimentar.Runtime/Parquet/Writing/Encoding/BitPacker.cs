using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing.Encoding;

/// <summary>Packs values of up to 64 bits each, first value in the lowest bits, as Parquet's bit-packed runs and delta miniblocks lay them out.</summary>
internal static class BitPacker
{
    /// <summary>The bits <paramref name="value"/> needs (0 for 0).</summary>
    public static int Width(ulong value) => (int)(64 - ulong.LeadingZeroCount(value));

    /// <summary>Appends <paramref name="values"/> packed at <paramref name="width"/> bits, the last byte padded with zeros.</summary>
    public static void Pack(ReadOnlySpan<ulong> values, int width, ByteBuffer output)
    {
        int bytes = (int)(((long)values.Length * width + 7) / 8);
        Span<byte> target = output.GetSpan(bytes)[..bytes];
        UInt128 buffer = 0;
        int bits = 0;
        int written = 0;
        ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        foreach (ulong value in values)
        {
            buffer |= (UInt128)(value & mask) << bits;
            bits += width;
            while (bits >= 8)
            {
                target[written++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            target[written] = (byte)buffer;
        }

        output.Advance(bytes);
    }
}
