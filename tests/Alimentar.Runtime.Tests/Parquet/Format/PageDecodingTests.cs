
namespace Alimentar.Runtime.Tests;

/// <summary>The page reader's decoders on hand-made streams: known values, and random bytes that must fail cleanly.</summary>
public sealed class PageDecodingTests
{
    [Fact]
    public void The_rle_bit_packed_hybrid_decodes_repeated_and_packed_runs_across_calls()
    {
        // An RLE run of 5 × 3 (header 5 << 1), then one bit-packed group of eight 2-bit values 0..3,0..3 (header 1 << 1 | 1).
        byte[] data = [0x0A, 0x03, 0x03, 0b11_10_01_00, 0b11_10_01_00];
        var decoder = new RleBitPackedDecoder();
        decoder.Reset(data, bitWidth: 2);
        var first = new int[7];
        var rest = new int[6];

        decoder.Read<int>(first);
        decoder.Read<int>(rest);

        Assert.Equal([3, 3, 3, 3, 3, 0, 1], first);
        Assert.Equal([2, 3, 0, 1, 2, 3], rest);
        Assert.Throws<InvalidDataException>(() => decoder.Read<int>(new int[1]));
    }

    [Fact]
    public void Delta_binary_packed_decodes_the_format_specs_example_and_wraps_like_the_writer()
    {
        // Block of 128 values in 4 miniblocks, 5 values, first value 7, deltas -2, 3, -4, 1 (min delta -4, all packed at 3 bits).
        var stream = new List<byte> { 0x80, 0x01, 0x04, 0x05, 0x0E, 0x07 };
        stream.AddRange([0x03, 0x00, 0x00, 0x00]);
        // Miniblock 0 (32 values at 3 bits = 12 bytes): deltas minus min = 2, 7, 0, 5, then zeros.
        ulong bits = 2UL | 7UL << 3 | 0UL << 6 | 5UL << 9;
        var miniblock = new byte[12];
        BitConverter.TryWriteBytes(miniblock, bits);
        stream.AddRange(miniblock);
        var decoder = new DeltaBinaryPackedDecoder();
        decoder.Reset(stream.ToArray());
        var values = new long[5];

        int end = decoder.ReadToEnd(values);

        Assert.Equal([7L, 5, 8, 4, 5], values);
        Assert.Equal(stream.Count, end);
    }

    [Fact]
    public void Bit_unpacking_reads_widths_up_to_64_bits()
    {
        var packed = new byte[3 * 8 + 8];
        var expected = new ulong[] { ulong.MaxValue >> 1, 1, 0x5555_5555_5555_5555 >> 1 };
        for (int i = 0; i < expected.Length; i++)
        {
            for (int bit = 0; bit < 63; bit++)
            {
                if ((expected[i] >> bit & 1) != 0)
                {
                    int at = i * 63 + bit;
                    packed[at / 8] |= (byte)(1 << (at % 8));
                }
            }
        }

        var actual = new ulong[3];
        BitUnpacker.Unpack<ulong>(packed, 0, 63, actual);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(12)]
    public void Byte_stream_split_gathers_every_value_from_any_starting_value(int width)
    {
        var random = new Random(width);
        const int count = 203;
        byte[] values = new byte[count * width];
        random.NextBytes(values);
        byte[] page = new byte[values.Length];
        for (int v = 0; v < count; v++)
        {
            for (int k = 0; k < width; k++)
            {
                page[k * count + v] = values[v * width + k];
            }
        }

        foreach (int first in new[] { 0, 1, 7, 16, 100 })
        {
            byte[] decoded = new byte[(count - first) * width];
            ByteStreamSplit.Decode(page, count, width, first, decoded);
            Assert.Equal(values.AsSpan(first * width).ToArray(), decoded);
        }
    }

    [Fact]
    public void Bit_unpacking_agrees_with_a_bit_by_bit_reference_at_every_width_and_offset()
    {
        var random = new Random(5);
        byte[] packed = new byte[600];
        random.NextBytes(packed);
        for (int width = 1; width <= 32; width++)
        {
            int total = packed.Length * 8 / width;
            foreach (int first in new[] { 0, 1, 5, 8, 13, 64 })
            {
                var actual = new ulong[Math.Min(150, total - first)];
                BitUnpacker.Unpack<ulong>(packed, first, width, actual);
                for (int i = 0; i < actual.Length; i++)
                {
                    ulong expected = 0;
                    for (int b = 0; b < width; b++)
                    {
                        long bit = (long)(first + i) * width + b;
                        expected |= (ulong)((packed[bit >> 3] >> (int)(bit & 7)) & 1) << b;
                    }

                    Assert.True(expected == actual[i], $"width {width}, first {first}, value {i}: expected {expected}, got {actual[i]}");
                }
            }
        }

        var levels = new byte[300];
        BitUnpacker.Unpack<byte>(packed, 3, 1, levels);
        Assert.Equal(Enumerable.Range(3, 300).Select(bit => (byte)((packed[bit >> 3] >> (bit & 7)) & 1)), levels);
    }

    [Fact]
    public void Dictionary_indices_unpack_alike_on_the_vector_path_up_to_the_last_packed_byte()
    {
        var random = new Random(9);
        for (int width = 1; width <= 32; width++)
        {
            foreach (int first in new[] { 0, 3, 8, 21 })
            {
                foreach (int count in new[] { 7, 8, 64, 203 })
                {
                    // Exactly the bytes the values need, so the last groups must stop short of any load past the end.
                    byte[] packed = new byte[(int)((((long)first + count) * width + 7) / 8)];
                    random.NextBytes(packed);
                    var actual = new int[count];
                    BitUnpacker.Unpack<int>(packed, first, width, actual);
                    for (int i = 0; i < count; i++)
                    {
                        long expected = 0;
                        for (int b = 0; b < width; b++)
                        {
                            long bit = (long)(first + i) * width + b;
                            expected |= (long)((packed[bit >> 3] >> (int)(bit & 7)) & 1) << b;
                        }

                        Assert.True((int)expected == actual[i], $"width {width}, first {first}, count {count}, value {i}: expected {expected}, got {actual[i]} (vector path: {SimdBitUnpacker.Supports(width)})");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.03)]
    [InlineData(0.5)]
    [InlineData(0.97)]
    [InlineData(1.0)]
    public void Definition_levels_spread_values_to_their_rows_like_a_row_by_row_reference(double nullShare)
    {
        var random = new Random(3);
        foreach (int rows in new[] { 0, 5, 32, 33, 100, 1000 })
        {
            // Nulls alone and in runs, at level 1 below the maximum of 2 (a null inside a present parent) or 0.
            byte[] definitions = new byte[rows];
            for (int i = 0; i < rows; i++)
            {
                bool run = i > 0 && definitions[i - 1] != 2 && random.NextDouble() < 0.8;
                definitions[i] = run || random.NextDouble() < nullShare ? (byte)random.Next(2) : (byte)2;
            }

            int present = definitions.Count(d => d == 2);
            double[] values = Enumerable.Range(0, present).Select(i => i + 0.5).ToArray();
            var actual = new double?[rows];

            LevelScatter.Spread<double>(definitions, 2, values, actual);

            int next = 0;
            double?[] expected = definitions.Select(d => d == 2 ? values[next++] : (double?)null).ToArray();
            Assert.Equal(expected, actual);
            if (present > 0)
            {
                Assert.Throws<InvalidDataException>(() => LevelScatter.Spread<double>(definitions, 2, values.AsSpan(1), new double?[rows]));
            }
        }
    }

    [Fact]
    public void Random_bytes_never_escape_as_anything_but_invalid_data()
    {
        var random = new Random(11);
        var buffer = new byte[64];
        using var snappy = new PageDecompressor(CompressionCodec.Snappy);
        byte[] page = Enumerable.Range(0, 2_000).Select(i => (byte)(i % 37)).ToArray();
        byte[] compressed = new byte[Snappier.Snappy.GetMaxCompressedLength(page.Length)];
        compressed = compressed[..Snappier.Snappy.Compress(page, compressed)];
        for (int round = 0; round < 20_000; round++)
        {
            random.NextBytes(buffer);
            int length = random.Next(buffer.Length);
            byte[] bytes = buffer[..length];
            Expect(() => PageHeader.Parse(bytes));
            Expect(() =>
            {
                var rle = new RleBitPackedDecoder();
                rle.Reset(bytes, random.Next(0, 33));
                rle.Read<int>(new int[random.Next(200)]);
            });
            Expect(() =>
            {
                var delta = new DeltaBinaryPackedDecoder();
                delta.Reset(bytes);
                delta.Read(new long[(int)Math.Min(delta.TotalValues, 300)]);
            });
            Expect(() => snappy.Decompress(bytes, new byte[random.Next(300)]));
            Expect(() => snappy.Decompress(Mutate(compressed, random), new byte[page.Length]));
        }

        static byte[] Mutate(byte[] valid, Random random)
        {
            byte[] mutant = valid.ToArray();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                mutant[random.Next(mutant.Length)] ^= (byte)random.Next(1, 256);
            }

            return random.Next(4) == 0 ? mutant[..random.Next(mutant.Length)] : mutant;
        }

        static void Expect(Action decode)
        {
            try
            {
                decode();
            }
            catch (Exception error) when (error is InvalidDataException or ThriftEndOfInputException)
            {
            }
        }
    }

    [Fact]
    public void Snappy_pages_decompress_straight_into_the_page_buffer_without_a_page_sized_rental()
    {
        // 40 MB is a size class nothing else rents, so a page-sized array rented from any pool shows as allocation here.
        byte[] page = new byte[40_000_000];
        for (int i = 0; i < page.Length; i++)
        {
            page[i] = (byte)((i * 7) >> 10);
        }

        byte[] compressed = new byte[Snappier.Snappy.GetMaxCompressedLength(page.Length)];
        int length = Snappier.Snappy.Compress(page, compressed);
        byte[] destination = new byte[page.Length];
        using var decompressor = new PageDecompressor(CompressionCodec.Snappy);

        long before = GC.GetAllocatedBytesForCurrentThread();
        decompressor.Decompress(compressed.AsMemory(0, length), destination);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(page.AsSpan().SequenceEqual(destination), "the page decompressed to other bytes");
        Assert.True(allocated < 64 * 1024, $"decompressing a 40 MB page allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_snappy_page_longer_or_shorter_than_its_header_declares_is_corrupt()
    {
        byte[] page = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 251)).ToArray();
        byte[] compressed = new byte[Snappier.Snappy.GetMaxCompressedLength(page.Length)];
        int length = Snappier.Snappy.Compress(page, compressed);
        using var decompressor = new PageDecompressor(CompressionCodec.Snappy);

        Assert.Throws<InvalidDataException>(() => decompressor.Decompress(compressed.AsMemory(0, length), new byte[page.Length - 1]));
        Assert.Throws<InvalidDataException>(() => decompressor.Decompress(compressed.AsMemory(0, length), new byte[page.Length + 1]));
        Assert.Throws<InvalidDataException>(() => decompressor.Decompress(compressed.AsMemory(0, length / 2), new byte[page.Length]));

        // The codec is reused page after page: a failure leaves nothing behind.
        byte[] again = new byte[page.Length];
        decompressor.Decompress(compressed.AsMemory(0, length), again);
        Assert.Equal(page, again);
    }

    /// <summary>What each codec's writers make of no bytes: the values of an empty dictionary page, or of a page of nulls.</summary>
    public static TheoryData<string, byte[]> EmptyPages()
    {
        var gzip = new MemoryStream();
        using (new System.IO.Compression.GZipStream(gzip, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
        }

        using var zstd = new ZstdSharp.Compressor();
        byte[] brotli = new byte[16];
        Assert.True(System.IO.Compression.BrotliEncoder.TryCompress([], brotli, out int brotliLength));
        return new TheoryData<string, byte[]>
        {
            { nameof(CompressionCodec.Uncompressed), [] },
            { nameof(CompressionCodec.Snappy), [0x00] },
            { nameof(CompressionCodec.Gzip), gzip.ToArray() },                // .NET's GZipStream: no bytes at all
            { nameof(CompressionCodec.Gzip), [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0] }, // zlib's member of nothing
            { nameof(CompressionCodec.Zstd), zstd.Wrap(ReadOnlySpan<byte>.Empty).ToArray() },
            { nameof(CompressionCodec.Brotli), brotli[..brotliLength] },
            { nameof(CompressionCodec.Lz4Raw), [0x00] },                               // LZ4's reference encoder: one token, no literals
            { nameof(CompressionCodec.Lz4Raw), [] },                                   // K4os's encoder
            { nameof(CompressionCodec.Lz4), [0, 0, 0, 0, 0, 0, 0, 1, 0x00] },          // Arrow C++'s Hadoop framing of the token
            { nameof(CompressionCodec.Lz4), [0x00] },                                  // older parquet-cpp: raw LZ4 under this codec
        };
    }

    [Theory]
    [MemberData(nameof(EmptyPages))]
    public void An_empty_page_of_every_codec_decompresses_to_nothing(string codec, byte[] stored)
    {
        using var decompressor = new PageDecompressor(Enum.Parse<CompressionCodec>(codec));

        decompressor.Decompress(stored, Memory<byte>.Empty);
    }

    [Fact]
    public void An_empty_brotli_page_decompresses_to_nothing_through_the_growing_buffer_too()
    {
        byte[] stored = new byte[16];
        Assert.True(System.IO.Compression.BrotliEncoder.TryCompress([], stored, out int length));
        byte[] buffer = [];

        Assert.Equal(0, Alimentar.Parquet.Reading.Codecs.BrotliCodec.DecompressGrowing(stored.AsSpan(0, length), declaredLength: 0, initialLength: 1024, ref buffer));
    }

    [Fact]
    public void An_lz4_block_with_literals_for_an_empty_page_is_corrupt()
    {
        using var decompressor = new PageDecompressor(CompressionCodec.Lz4Raw);

        Assert.Throws<InvalidDataException>(() => decompressor.Decompress(new byte[] { 0x10, 0x41 }, Memory<byte>.Empty));
    }
}
