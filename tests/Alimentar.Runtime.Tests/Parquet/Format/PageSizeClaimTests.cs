using System.IO.Compression;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// What a page header claims is checked against the bytes that are there before memory is set aside for it,
/// and a page that decompresses to more or less than its header declares is corrupt, whatever its codec.
/// </summary>
public sealed class PageSizeClaimTests
{
    /// <summary>A v1 data page header of <paramref name="values"/> required PLAIN values (Thrift compact, by hand).</summary>
    private static byte[] DataPageHeader(int uncompressed, int compressed, int values) =>
    [
        0x15, 0x00,                          // 1: type = DATA_PAGE
        0x15, .. ThriftBytes.Varint(uncompressed),       // 2: uncompressed_page_size
        0x15, .. ThriftBytes.Varint(compressed),         // 3: compressed_page_size
        0x2C,                                // 5: data_page_header
        0x15, .. ThriftBytes.Varint(values), 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00,
        0x00,
    ];

    public static TheoryData<string> Codecs => ["Snappy", "Gzip", "Zstd", "Lz4Raw", "Lz4", "Uncompressed"];

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task A_tiny_page_declaring_a_gigabyte_is_refused_before_anything_is_rented_for_it(string name)
    {
        CompressionCodec codec = Enum.Parse<CompressionCodec>(name);
        const int Declared = 1 << 30;
        byte[] payload = new byte[20];
        byte[] chunk = [.. DataPageHeader(Declared, payload.Length, Declared / 4), .. payload];
        var layout = new ColumnChunkLayout(0, chunk.Length, codec, PhysicalType.Int32, 0, 0, 0, Declared / 4, UncompressedLength: 0);
        using var reader = new ColumnChunkReader(new StreamRangeReader(new MemoryStream(chunk)), layout, verifyCrc: true);

        long before = GC.GetAllocatedBytesForCurrentThread();
        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.NextPageAsync(CancellationToken.None));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("1073741824 uncompressed", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 4 << 20, $"refusing the page allocated {allocated:N0} bytes");
    }

    [Fact]
    public async Task A_brotli_page_declaring_a_gigabyte_grows_its_buffer_only_as_far_as_its_output()
    {
        const int Declared = 1 << 30;
        byte[] payload = Brotli(new byte[300_000]);
        byte[] chunk = [.. DataPageHeader(Declared, payload.Length, 1_000), .. payload];
        var layout = new ColumnChunkLayout(0, chunk.Length, CompressionCodec.Brotli, PhysicalType.Int32, 0, 0, 0, 1_000, UncompressedLength: 0);
        using var reader = new ColumnChunkReader(new StreamRangeReader(new MemoryStream(chunk)), layout, verifyCrc: true);

        long before = GC.GetAllocatedBytesForCurrentThread();
        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.NextPageAsync(CancellationToken.None));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("decompressed to 300000 bytes where its header declares 1073741824", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 8 << 20, $"decompressing the page allocated {allocated:N0} bytes");
    }

    private static byte[] Brotli(byte[] page)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            brotli.Write(page);
        }

        return output.ToArray();
    }

    public static TheoryData<string> LibraryCodecs => ["snappy", "gzip", "brotli", "zstd", "lz4raw"];

    [Theory]
    [MemberData(nameof(LibraryCodecs))]
    public void A_page_longer_or_shorter_than_its_header_declares_is_corrupt_whatever_its_codec(string name)
    {
        byte[] page = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 251)).ToArray();
        (CompressionCodec codec, byte[] compressed) = name switch
        {
            "snappy" => (CompressionCodec.Snappy, Snappier.Snappy.CompressToArray(page)),
            "gzip" => (CompressionCodec.Gzip, Gzip(page)),
            "brotli" => (CompressionCodec.Brotli, Brotli(page)),
            "zstd" => (CompressionCodec.Zstd, new ZstdSharp.Compressor().Wrap(page).ToArray()),
            _ => (CompressionCodec.Lz4Raw, Lz4(page)),
        };
        using var decompressor = new PageDecompressor(codec);

        Assert.Throws<InvalidDataException>(() => decompressor.Decompress(compressed, new byte[page.Length - 1]));
        Assert.Throws<InvalidDataException>(() => decompressor.Decompress(compressed, new byte[page.Length + 1]));

        byte[] exact = new byte[page.Length];
        decompressor.Decompress(compressed, exact);
        Assert.Equal(page, exact);
    }

    private static byte[] Gzip(byte[] page)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(page);
        }

        return output.ToArray();
    }

    private static byte[] Lz4(byte[] page)
    {
        byte[] target = new byte[K4os.Compression.LZ4.LZ4Codec.MaximumOutputSize(page.Length)];
        int length = K4os.Compression.LZ4.LZ4Codec.Encode(page, target);
        return target[..length];
    }

    [Fact]
    public void A_delta_length_page_claiming_sixty_million_values_in_a_few_bytes_holds_memory_for_what_it_reads()
    {
        // DELTA_BINARY_PACKED lengths: one block of 2^27 values in one miniblock, 60M values, first 0, min delta 0,
        // bit width 0: every length is 0, in 12 bytes.
        byte[] lengths = [0x80, 0x80, 0x80, 0x40, 0x01, 0x80, 0x8E, 0xCE, 0x1C, 0x00, 0x00, 0x00];
        using var reader = new PageValueReader(PhysicalType.ByteArray, 0);
        var converter = new LengthConverter();
        long[] read = new long[1_000];

        long before = GC.GetAllocatedBytesForCurrentThread();
        reader.Reset(lengths, ParquetEncoding.DeltaLengthByteArray, 60_000_000, dictionary: null);
        reader.ReadByteArrays<long, LengthConverter>(read, ref converter);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.All(read, length => Assert.Equal(0, length));
        Assert.True(allocated < 1 << 20, $"starting the page allocated {allocated:N0} bytes");
    }

    private struct LengthConverter : IByteArrayConverter<long>
    {
        public readonly long Convert(ReadOnlySpan<byte> bytes) => bytes.Length;

        public readonly long FromDictionary(ColumnDictionary dictionary, int index) => throw new InvalidOperationException();
    }
}
