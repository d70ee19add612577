using Alimentar.Parquet.Reading.Encodings;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// DELTA_BINARY_PACKED streams of any geometry other writers choose (block sizes, miniblocks of 32 to 1,024 values,
/// widths 0 to 64, unused miniblocks left out at the end), read in pieces of any size into INT64 and INT32 columns,
/// give back the values encoded; the INT32 reader keeps the low 32 bits of each, as the format's wrapping defines.
/// </summary>
public sealed class DeltaBinaryPackedDecoderTests
{
    public static TheoryData<string, int, int> Streams => new()
    {
        { "sequential ids", 128, 4 },
        { "evenly spaced with one jump", 128, 4 },
        { "timestamps with jitter", 128, 4 },
        { "random 32-bit", 128, 4 },
        { "random 64-bit", 128, 4 },
        { "alternating extremes", 128, 4 },
        { "timestamps with jitter", 1024, 1 },
        { "random 64-bit", 256, 8 },
        { "random 32-bit", 2048, 2 },
        { "widths 50 to 64", 128, 4 },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void Values_read_in_any_pieces_are_those_encoded(string shape, int blockSize, int miniblocks)
    {
        var random = new Random(shape.Length * 7919 + blockSize);
        foreach (int count in new[] { 0, 1, 2, 33, 129, 1_000, 5_003 })
        {
            long[] values = Values(shape, count, random);
            byte[] stream = Encode(values, blockSize, miniblocks);

            Assert.Equal(values, ReadInPieces<long>(stream, values.Length, random, (decoder, piece) => decoder.Read(piece)));
            Assert.Equal(values.Select(v => unchecked((int)v)), ReadInPieces<int>(stream, values.Length, random, (decoder, piece) => decoder.Read(piece)));
        }
    }

    [Fact]
    public void A_stream_ending_exactly_at_its_last_byte_reads_to_the_end()
    {
        // Nothing follows the stream, so its last values can only be read without an eight-byte load.
        var random = new Random(5);
        for (int width = 1; width <= 64; width++)
        {
            long[] values = new long[97];
            for (int i = 1; i < values.Length; i++)
            {
                values[i] = unchecked(values[i - 1] + (long)(((ulong)random.NextInt64() << 1 | 1) >> (64 - width)));
            }

            byte[] stream = Encode(values, 128, 4); // 96 deltas: three full miniblocks, the fourth not written
            var decoder = new DeltaBinaryPackedDecoder();
            decoder.Reset(stream);
            long[] read = new long[values.Length];

            Assert.Equal(stream.Length, decoder.ReadToEnd(read));
            Assert.Equal(values, read);
        }
    }

    [Fact]
    public void A_miniblock_cut_short_by_the_page_is_refused()
    {
        // 193 values fill their last miniblock, so every byte cut off held bits of a value.
        long[] values = Values("random 64-bit", 193, new Random(3));
        byte[] stream = Encode(values, 128, 4);
        for (int cut = stream.Length - 1; cut > stream.Length - 40; cut--)
        {
            var decoder = new DeltaBinaryPackedDecoder();
            decoder.Reset(stream.AsMemory(0, cut));

            Assert.Throws<InvalidDataException>(() => decoder.Read(new long[values.Length]));
        }
    }

    private static T[] ReadInPieces<T>(byte[] stream, int count, Random random, Action<DeltaBinaryPackedDecoder, Span<T>> read)
    {
        var decoder = new DeltaBinaryPackedDecoder();
        decoder.Reset(stream);
        Assert.Equal(count, decoder.TotalValues);
        var values = new T[count];
        for (int at = 0; at < count;)
        {
            int piece = Math.Min(count - at, random.Next(4) == 0 ? random.Next(1, 4) : random.Next(1, 700));
            read(decoder, values.AsSpan(at, piece));
            at += piece;
        }

        Assert.Equal(0, decoder.ValuesLeft);
        return values;
    }

    private static long[] Values(string shape, int count, Random random)
    {
        var values = new long[count];
        long value = random.NextInt64();
        for (int i = 0; i < count; i++)
        {
            value = shape switch
            {
                "sequential ids" => i,
                "evenly spaced with one jump" => i == count / 2 ? value + 1_000_000_007 : value + 1_000,
                "timestamps with jitter" => 1_700_000_000_000_000 + i * 1_000_000L + random.Next(-500, 500),
                "random 32-bit" => random.Next(int.MinValue, int.MaxValue),
                "random 64-bit" => random.NextInt64(long.MinValue, long.MaxValue),
                "alternating extremes" => i % 2 == 0 ? long.MinValue : long.MaxValue,
                "widths 50 to 64" => unchecked(value + (long)((ulong)random.NextInt64() >> random.Next(0, 15))),
                _ => throw new ArgumentOutOfRangeException(nameof(shape)),
            };
            values[i] = value;
        }

        return values;
    }

    /// <summary>
    /// The format as written by hand, for any geometry: header, then per block its least delta, one width byte per
    /// miniblock and each miniblock's deltas above the least, first value in the lowest bits. Miniblocks past the
    /// last value are not written (their width bytes are), as the format allows.
    /// </summary>
    private static byte[] Encode(long[] values, int blockSize, int miniblocks)
    {
        var output = new List<byte>();
        Varint(output, (ulong)blockSize);
        Varint(output, (ulong)miniblocks);
        Varint(output, (ulong)values.Length);
        ZigZag(output, values.Length == 0 ? 0 : values[0]);
        int perMiniblock = blockSize / miniblocks;
        for (int start = 1; start < values.Length; start += blockSize)
        {
            int count = Math.Min(blockSize, values.Length - start);
            long[] deltas = Enumerable.Range(start, count).Select(i => unchecked(values[i] - values[i - 1])).ToArray();
            long least = deltas.Min();
            ZigZag(output, least);
            var widths = new byte[miniblocks];
            for (int m = 0; m * perMiniblock < count; m++)
            {
                ulong most = deltas.Skip(m * perMiniblock).Take(perMiniblock).Select(d => unchecked((ulong)(d - least))).Max();
                widths[m] = (byte)(64 - ulong.LeadingZeroCount(most));
            }

            output.AddRange(widths);
            for (int m = 0; m * perMiniblock < count; m++)
            {
                var packed = new byte[perMiniblock * widths[m] / 8];
                for (int k = 0; k < perMiniblock && m * perMiniblock + k < count; k++)
                {
                    ulong relative = unchecked((ulong)(deltas[m * perMiniblock + k] - least));
                    for (int bit = 0; bit < widths[m]; bit++)
                    {
                        int at = k * widths[m] + bit;
                        packed[at / 8] |= (byte)((relative >> bit & 1) << (at % 8));
                    }
                }

                output.AddRange(packed);
            }
        }

        return [.. output];
    }

    private static void Varint(List<byte> output, ulong value)
    {
        for (; value >= 0x80; value >>= 7)
        {
            output.Add((byte)(value | 0x80));
        }

        output.Add((byte)value);
    }

    private static void ZigZag(List<byte> output, long value) => Varint(output, (ulong)((value << 1) ^ (value >> 63)));
}
