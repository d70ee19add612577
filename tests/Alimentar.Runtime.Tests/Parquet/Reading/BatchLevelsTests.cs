namespace Alimentar.Runtime.Tests;

/// <summary>
/// A batch's levels are copied out of their pages into two pooled arrays. The pool hands out a larger array than asked
/// for when the asked size has none left, so the two arrays' lengths differ with the pool's state: each must grow by its
/// own length. (Growing both by the definitions' length alone failed one read in hundreds, only in long test runs.)
/// </summary>
public sealed class BatchLevelsTests
{
    private const int Slots = 300;

    [Theory]
    [InlineData(512, 256)]
    [InlineData(256, 512)]
    [InlineData(16, 16)]
    public async Task Taking_a_page_grows_each_level_array_by_its_own_length(int definitionsLength, int repetitionsLength)
    {
        using ColumnChunkReader chunk = await OpenAsync();
        using var levels = new BatchLevels(new byte[definitionsLength], new byte[repetitionsLength]);

        PageSlots slots = levels.TakeFromPage(chunk, rows: 1);

        Assert.Equal(Slots, slots.Count);
        Assert.Equal(1, levels.Rows);
        Assert.Equal([0, .. Enumerable.Repeat((byte)1, Slots - 1)], levels.Repetitions.ToArray());
        Assert.Equal(Enumerable.Repeat((byte)1, Slots), levels.Definitions.ToArray());
    }

    [Fact]
    public async Task Mirroring_levels_grows_each_level_array_by_its_own_length()
    {
        using ColumnChunkReader chunk = await OpenAsync();
        using var source = new BatchLevels();
        source.TakeFromPage(chunk, rows: 1);
        using var mirrored = new BatchLevels(new byte[512], new byte[16]);

        mirrored.Mirror(source, depth: 1, definition: 0);

        Assert.Equal(Slots, mirrored.Definitions.Length);
        Assert.Equal(source.Repetitions.ToArray(), mirrored.Repetitions.ToArray());
        Assert.All(mirrored.Definitions.ToArray(), level => Assert.Equal(0, level));
    }

    /// <summary>
    /// A chunk of one uncompressed v1 data page (Thrift compact header by hand) holding one row: a list of
    /// <see cref="Slots"/> INT32 elements, every one present (maximum definition and repetition levels 1).
    /// </summary>
    private static async Task<ColumnChunkReader> OpenAsync()
    {
        // RLE runs: a header of (run length << 1), then the level in a byte.
        byte[] repetitions = [0x02, 0x00, .. ThriftBytes.Varint((Slots - 1) << 1), 0x01];
        byte[] definitions = [.. ThriftBytes.Varint(Slots << 1), 0x01];
        byte[] page =
        [
            .. BitConverter.GetBytes(repetitions.Length), .. repetitions,
            .. BitConverter.GetBytes(definitions.Length), .. definitions,
            .. Enumerable.Range(0, Slots).SelectMany(BitConverter.GetBytes),
        ];
        byte[] header =
        [
            0x15, 0x00,                                     // 1: type = DATA_PAGE
            0x15, .. ThriftBytes.Varint(page.Length),       // 2: uncompressed_page_size
            0x15, .. ThriftBytes.Varint(page.Length),       // 3: compressed_page_size
            0x2C,                                           // 5: data_page_header
            0x15, .. ThriftBytes.Varint(Slots), 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00,
            0x00,
        ];
        byte[] chunk = [.. header, .. page];
        var layout = new ColumnChunkLayout(0, chunk.Length, CompressionCodec.Uncompressed, PhysicalType.Int32, 0, MaxDefinitionLevel: 1, MaxRepetitionLevel: 1, Slots, UncompressedLength: 0);
        var reader = new ColumnChunkReader(new StreamRangeReader(new MemoryStream(chunk)), layout, verifyCrc: true);
        Assert.True(await reader.NextPageAsync(CancellationToken.None));
        return reader;
    }
}
