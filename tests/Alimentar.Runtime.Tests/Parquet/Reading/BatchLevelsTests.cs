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

    /// <summary>A chunk of one page holding one row: a list of <see cref="Slots"/> INT32 elements, every one present.</summary>
    private static Task<ColumnChunkReader> OpenAsync()
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
        return HandBuiltChunk.OpenAsync(page, Slots, maxDefinitionLevel: 1, maxRepetitionLevel: 1);
    }
}
