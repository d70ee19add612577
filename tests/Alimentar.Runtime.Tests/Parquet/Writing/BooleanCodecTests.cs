using Alimentar.Parquet.Format;
using Alimentar.Parquet.Writing.Encoding;

namespace Alimentar.Runtime.Tests;

/// <summary>PLAIN booleans are bit-packed, the first value in the lowest bit of the first byte, the last byte padded with zeros.</summary>
public sealed class BooleanCodecTests
{
    [Fact]
    public void Booleans_pack_a_bit_each_first_value_lowest_at_every_length()
    {
        var random = new Random(11);
        for (int length = 0; length <= 70; length++)
        {
            bool[] values = [.. Enumerable.Range(0, length).Select(_ => random.Next(2) == 1)];
            using var output = new ByteBuffer();
            output.WriteByte(0xAB); // Whatever precedes the values is left as it is.

            default(BooleanCodec).WritePlain(values, output);

            byte[] expected = new byte[(length + 7) / 8];
            for (int i = 0; i < length; i++)
            {
                expected[i / 8] |= (byte)(values[i] ? 1 << (i % 8) : 0);
            }

            Assert.Equal([0xAB, .. expected], output.Span.ToArray());
        }
    }
}
