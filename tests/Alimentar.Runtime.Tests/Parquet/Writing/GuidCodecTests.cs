using Alimentar.Parquet.Format;
using Alimentar.Parquet.Writing.Encoding;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// A UUID column's statistics order values as Parquet orders FIXED_LEN_BYTE_ARRAY: their 16 big-endian (RFC 4122)
/// bytes compared as unsigned bytes, which is also how the codec writes them.
/// </summary>
public sealed class GuidCodecTests
{
    [Fact]
    public void Guids_compare_as_their_written_bytes_compare()
    {
        var random = new Random(7);
        var guids = new List<Guid> { Guid.Empty, Guid.AllBitsSet };
        byte[] bytes = new byte[16];
        for (int position = 0; position < 16; position++)
        {
            // Two values that differ in one byte only, at every position, each way round, and one byte above 0x7F.
            foreach (byte value in new byte[] { 0x01, 0x80, 0xFF })
            {
                Array.Clear(bytes);
                bytes[position] = value;
                guids.Add(new Guid(bytes, bigEndian: true));
            }
        }

        for (int i = 0; i < 200; i++)
        {
            random.NextBytes(bytes);
            guids.Add(new Guid(bytes));
        }

        GuidCodec codec = default;
        foreach (Guid x in guids)
        {
            foreach (Guid y in guids)
            {
                Assert.Equal(Math.Sign(Written(x).AsSpan().SequenceCompareTo(Written(y))), Math.Sign(codec.Compare(x, y)));
            }
        }
    }

    private static byte[] Written(Guid value)
    {
        using var output = new ByteBuffer();
        default(GuidCodec).WriteBound(value, output);
        return output.Span.ToArray();
    }
}
