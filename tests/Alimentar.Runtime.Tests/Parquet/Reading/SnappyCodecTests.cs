using System.Buffers.Binary;
using Alimentar.Parquet.Reading.Codecs;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// SNAPPY pages decode with the runtime's own decoder: byte for byte what Snappier compressed, every tag form the
/// format allows (including those Snappier never writes), and damaged pages as <see cref="InvalidDataException"/>
/// without a byte written outside the page.
/// </summary>
public sealed class SnappyCodecTests
{
    private const int Guard = 96;
    private const byte GuardByte = 0xA5;

    public static TheoryData<string> Shapes =>
        ["no bytes", "one byte", "15 bytes", "16 bytes", "17 bytes", "sequential longs", "timestamps", "random bytes", "runs of one byte", "patterns of 2 to 20 bytes", "text", "random and repeated blocks", "a 70 KB literal"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Pages_Snappier_compressed_decode_byte_for_byte(string shape)
    {
        byte[] page = Page(shape);
        byte[] compressed = Snappier.Snappy.CompressToArray(page);

        Assert.Equal(page, Decode(compressed, page.Length));
    }

    [Fact]
    public void Every_tag_form_and_copy_distance_decodes_as_the_format_defines()
    {
        var random = new Random(24);
        for (int stream = 0; stream < 400; stream++)
        {
            (byte[] compressed, byte[] expected) = RandomStream(random, random.Next(0, stream % 10 == 0 ? 200_000 : 3_000));
            Assert.Equal(expected, Decode(compressed, expected.Length));
        }
    }

    [Fact]
    public void Damaged_pages_are_refused_and_nothing_is_written_outside_the_page()
    {
        var random = new Random(5);
        int refused = 0;
        for (int trial = 0; trial < 3_000; trial++)
        {
            (byte[] compressed, byte[] expected) = RandomStream(random, random.Next(1, 2_000));
            byte[] damaged = Damage(random, compressed);
            int declared = expected.Length + (trial % 7 == 0 ? random.Next(-3, 4) : 0);
            if (declared < 0)
            {
                continue;
            }

            byte[] buffer = Guarded(declared);
            try
            {
                int written = SnappyCodec.Decompress(damaged, buffer.AsSpan(Guard, declared));
                Assert.InRange(written, 0, declared);
            }
            catch (InvalidDataException error)
            {
                Assert.StartsWith("a SNAPPY page is corrupt: ", error.Message, StringComparison.Ordinal);
                refused++;
            }

            AssertGuardsIntact(buffer, declared);
        }

        // The damage is real: a large share of the pages is refused (1,712 of 3,000 with this seed), not decoded quietly into something else.
        Assert.True(refused > 1_200, $"{refused} of 3,000 damaged pages refused");
    }

    public static TheoryData<string, byte[], int, string> Corruptions => new()
    {
        { "an empty page", [], 0, "its length preamble runs past the end of the page" },
        { "a preamble of six bytes", [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], 0, "its length preamble is longer than five bytes" },
        { "more bytes declared than the page header", [10, 0x0C, 1, 2, 3, 4], 4, "it declares 10 bytes where its header declares 4" },
        { "a literal past the end of the page", [4, 0x0C, 1, 2], 4, "a literal of 4 bytes runs past the end of the page" },
        { "a copy from nothing written", [8, 0x0C, 1, 2, 3, 4, 0x01, 0x00], 8, "a copy from 0 bytes back, 4 bytes into the page" },
        { "a copy from before the page", [8, 0x0C, 1, 2, 3, 4, 0x01, 0x05], 8, "a copy from 5 bytes back, 4 bytes into the page" },
        { "a copy past the bytes declared", [6, 0x0C, 1, 2, 3, 4, 0x01, 0x04], 6, "a copy of 4 bytes runs past the 6 bytes declared" },
        { "a page that ends early", [8, 0x0C, 1, 2, 3, 4], 8, "it ends after 4 of the 8 bytes declared" },
        { "bytes after the last one declared", [4, 0x0C, 1, 2, 3, 4, 0x00, 9], 4, "a literal of 1 bytes runs past the 4 bytes declared" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Each_kind_of_damage_is_named(string damage, byte[] page, int declared, string reason)
    {
        Assert.NotEmpty(damage);
        byte[] buffer = Guarded(declared);
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => SnappyCodec.Decompress(page, buffer.AsSpan(Guard, declared)));

        Assert.Equal($"a SNAPPY page is corrupt: {reason}", error.Message);
        AssertGuardsIntact(buffer, declared);
    }

    private static byte[] Decode(byte[] compressed, int length)
    {
        byte[] buffer = Guarded(length);
        Assert.Equal(length, SnappyCodec.Decompress(compressed, buffer.AsSpan(Guard, length)));
        AssertGuardsIntact(buffer, length);
        return buffer.AsSpan(Guard, length).ToArray();
    }

    /// <summary>A page with guard bytes either side, so a write outside it shows.</summary>
    private static byte[] Guarded(int length)
    {
        byte[] buffer = new byte[Guard + length + Guard];
        buffer.AsSpan().Fill(GuardByte);
        return buffer;
    }

    private static void AssertGuardsIntact(byte[] buffer, int length)
    {
        Assert.True(buffer.AsSpan(0, Guard).IndexOfAnyExcept(GuardByte) < 0, "a byte before the page was written");
        Assert.True(buffer.AsSpan(Guard + length).IndexOfAnyExcept(GuardByte) < 0, "a byte after the page was written");
    }

    /// <summary>
    /// A valid stream of random tags and what it decodes to: literals with 0 to 4 length bytes (longer than needed
    /// too, which the format allows), and copies in all three forms from every distance up to what is written.
    /// </summary>
    private static (byte[] Compressed, byte[] Expected) RandomStream(Random random, int length)
    {
        var output = new List<byte>(length);
        var stream = new List<byte>();
        AppendVarint(stream, (uint)length);
        while (output.Count < length)
        {
            int left = length - output.Count;
            if (output.Count == 0 || random.Next(3) == 0)
            {
                int literal = Math.Min(left, random.Next(8) == 0 ? random.Next(1, 70_000) : random.Next(1, 70));
                int lengthBytes = literal - 1 < 60 && random.Next(4) != 0 ? 0 : random.Next(BytesFor((uint)(literal - 1)), 5);
                if (lengthBytes == 0)
                {
                    stream.Add((byte)((literal - 1) << 2));
                }
                else
                {
                    stream.Add((byte)((59 + lengthBytes) << 2));
                    for (int b = 0; b < lengthBytes; b++)
                    {
                        stream.Add((byte)((literal - 1) >> (8 * b)));
                    }
                }

                for (int i = 0; i < literal; i++)
                {
                    byte value = (byte)(random.Next(3) == 0 ? random.Next(256) : random.Next(4));
                    stream.Add(value);
                    output.Add(value);
                }

                continue;
            }

            int offset = random.Next(3) switch
            {
                0 => random.Next(1, Math.Min(output.Count, 8) + 1),
                1 => random.Next(1, Math.Min(output.Count, 32) + 1),
                _ => random.Next(1, output.Count + 1),
            };
            // 0: one offset byte (distances under 2,048, 4 to 11 bytes); 1: two; 2: four, which Snappier never writes.
            int form = random.Next(3);
            if (form == 0 && (offset >= 2_048 || left < 4))
            {
                form = 1;
            }

            if (form == 1 && offset >= 65_536)
            {
                form = 2;
            }

            int copy = Math.Min(left, form == 0 ? random.Next(4, 12) : random.Next(1, 65));
            switch (form)
            {
                case 0:
                    stream.Add((byte)(1 | ((copy - 4) << 2) | ((offset >> 8) << 5)));
                    stream.Add((byte)offset);
                    break;
                case 1:
                    stream.Add((byte)(2 | ((copy - 1) << 2)));
                    stream.Add((byte)offset);
                    stream.Add((byte)(offset >> 8));
                    break;
                default:
                    stream.Add((byte)(3 | ((copy - 1) << 2)));
                    for (int b = 0; b < 4; b++)
                    {
                        stream.Add((byte)(offset >> (8 * b)));
                    }

                    break;
            }

            for (int i = 0; i < copy; i++)
            {
                output.Add(output[^offset]);
            }
        }

        return ([.. stream], [.. output]);
    }

    private static int BytesFor(uint value) => value < 1 << 8 ? 1 : value < 1 << 16 ? 2 : value < 1 << 24 ? 3 : 4;

    private static void AppendVarint(List<byte> stream, uint value)
    {
        while (value >= 0x80)
        {
            stream.Add((byte)(value | 0x80));
            value >>= 7;
        }

        stream.Add((byte)value);
    }

    private static byte[] Damage(Random random, byte[] compressed)
    {
        byte[] damaged = (byte[])compressed.Clone();
        switch (random.Next(4))
        {
            case 0:
                for (int flips = random.Next(1, 4); flips > 0; flips--)
                {
                    damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
                }

                return damaged;
            case 1:
                return damaged[..random.Next(damaged.Length)];
            case 2:
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                return damaged;
            default:
                return [.. damaged, .. Enumerable.Range(0, random.Next(1, 5)).Select(_ => (byte)random.Next(256))];
        }
    }

    private static byte[] Page(string shape)
    {
        var random = new Random(shape.Length);
        switch (shape)
        {
            case "no bytes":
                return [];
            case "one byte":
                return [42];
            case "15 bytes" or "16 bytes" or "17 bytes":
                return Enumerable.Range(0, int.Parse(shape[..2], System.Globalization.CultureInfo.InvariantCulture)).Select(i => (byte)(i % 3)).ToArray();
            case "sequential longs":
                return Numbers(131_072, i => 1_000_000L + i);
            case "timestamps":
                return Numbers(131_072, i => 1_704_067_200_000_000L + i * 1_000_000L);
            case "random bytes":
                byte[] noise = new byte[1 << 20];
                random.NextBytes(noise);
                return noise;
            case "runs of one byte":
                var runs = new List<byte>();
                while (runs.Count < 1 << 20)
                {
                    runs.AddRange(Enumerable.Repeat((byte)random.Next(4), random.Next(1, 300)));
                }

                return [.. runs];
            case "patterns of 2 to 20 bytes":
                var patterns = new List<byte>();
                for (int period = 2; period <= 20; period++)
                {
                    byte[] pattern = new byte[period];
                    random.NextBytes(pattern);
                    for (int i = 0; i < 5_000; i++)
                    {
                        patterns.Add(pattern[i % period]);
                    }
                }

                return [.. patterns];
            case "text":
                return System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"the quick brown fox {i % 97} jumps over the lazy dog {i * 31 % 1013}; ")));
            case "random and repeated blocks":
                var blocks = new List<byte>();
                while (blocks.Count < 1 << 20)
                {
                    byte[] block = new byte[random.Next(1, 5_000)];
                    random.NextBytes(block);
                    blocks.AddRange(block);
                    if (blocks.Count > 10_000)
                    {
                        int from = random.Next(blocks.Count - 10_000);
                        blocks.AddRange(blocks.GetRange(from, random.Next(1, 10_000)));
                    }
                }

                return [.. blocks];
            case "a 70 KB literal":
                byte[] literal = new byte[70_000];
                random.NextBytes(literal);
                return literal;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }
    }

    private static byte[] Numbers(int count, Func<int, long> value)
    {
        byte[] bytes = new byte[count * 8];
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), value(i));
        }

        return bytes;
    }
}
