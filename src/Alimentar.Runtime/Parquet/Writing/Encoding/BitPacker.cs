using System.Buffers.Binary;
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

        // Fewer than eight bits wait in the buffer between values, so a value wider than 56 bits can overflow it: the
        // full word is written and the value's high bits carried. (Not UInt128: the ReadyToRun compiler leaves out a
        // method that passes one to a call, and this loop then ran unoptimised through a process's first write.)
        ulong buffer = 0;
        int bits = 0;
        int written = 0;
        ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        foreach (ulong raw in values)
        {
            ulong value = raw & mask;
            buffer |= value << bits;
            int pending = bits + width;
            if (pending >= 64)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(target[written..], buffer);
                written += 8;
                pending -= 64;
                buffer = bits == 0 ? 0 : value >> (64 - bits);
            }

            while (pending >= 8)
            {
                target[written++] = (byte)buffer;
                buffer >>= 8;
                pending -= 8;
            }

            bits = pending;
        }

        if (bits > 0)
        {
            target[written] = (byte)buffer;
        }

        output.Advance(bytes);
    }
}
