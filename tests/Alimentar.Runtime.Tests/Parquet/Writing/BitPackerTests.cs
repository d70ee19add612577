using Alimentar.Parquet.Format;
using Alimentar.Parquet.Reading.Encodings;
using Alimentar.Parquet.Writing.Encoding;

namespace Alimentar.Runtime.Tests;

public sealed class BitPackerTests
{
    /// <summary>
    /// Every width from 0 to 64, over a count that is not a multiple of eight: the bytes are those of a bit-by-bit
    /// packer (first value in the lowest bits, the last byte padded with zeros), and the reader's unpacker gives the
    /// values back. Widths above 56 are where a value overflows the packer's word.
    /// </summary>
    [Fact]
    public void Packs_every_width_bit_for_bit_as_the_reader_unpacks_it()
    {
        var random = new Random(20261205);
        for (int width = 0; width <= 64; width++)
        {
            ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
            ulong[] values = Enumerable.Range(0, 203).Select(_ => (ulong)random.NextInt64() << 1 ^ (ulong)random.Next()).ToArray();
            using var output = new ByteBuffer();
            output.WriteByte(0xAB); // the packer appends after what the buffer holds

            BitPacker.Pack(values, width, output);

            byte[] expected = PackBitByBit(values, width);
            Assert.Equal(0xAB, output.Span[0]);
            Assert.Equal(expected, output.Span[1..].ToArray());
            var unpacked = new ulong[values.Length];
            BitUnpacker.Unpack<ulong>(output.Span[1..], 0, width, unpacked);
            Assert.Equal(values.Select(v => v & mask), unpacked);
        }
    }

    private static byte[] PackBitByBit(ulong[] values, int width)
    {
        var bytes = new byte[((values.Length * width) + 7) / 8];
        int bit = 0;
        foreach (ulong value in values)
        {
            for (int k = 0; k < width; k++, bit++)
            {
                if ((value >> k & 1) != 0)
                {
                    bytes[bit / 8] |= (byte)(1 << (bit % 8));
                }
            }
        }

        return bytes;
    }
}
