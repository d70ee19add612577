using System.Runtime.InteropServices;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// A column chunk hands out its page's slots in runs that carry their levels and the values standing at their first
/// present value, so that what a reader takes and what it decodes cannot drift apart.
/// </summary>
public sealed class PageSlotsTests
{
    // Six slots of an OPTIONAL INT32 column: present, null, present, present, null, present; values 10, 20, 30, 40.
    private static readonly byte[] Definitions = [1, 0, 1, 1, 0, 1];

    [Fact]
    public async Task Taking_slots_moves_their_levels_and_their_present_values_together()
    {
        using ColumnChunkReader chunk = await OpenAsync();
        Assert.Equal(6, chunk.PageSlotsLeft);

        PageSlots first = chunk.Take(2);
        Assert.Equal([1, 0], first.Definitions.ToArray());
        Assert.Equal(1, first.CountPresent());
        Assert.Equal(1, first.FirstAbsent());
        Assert.Equal([10], Read(first));

        PageSlots second = chunk.Take(3);
        Assert.Equal([1, 1, 0], second.Definitions.ToArray());
        Assert.Equal(2, second.CountPresent());
        Assert.Equal(1, second.SlotOfValue(1));
        Assert.Equal([20, 30], Read(second));

        PageSlots last = chunk.Take(1);
        Assert.Equal(-1, last.FirstAbsent());
        Assert.Equal([40], Read(last));
        Assert.Equal(0, chunk.PageSlotsLeft);
        Assert.True(last.Repetitions.IsEmpty, "a column outside any list has no repetition levels");
    }

    [Fact]
    public async Task Skipping_rows_passes_over_their_present_values_too()
    {
        using ColumnChunkReader chunk = await OpenAsync();

        Assert.True(await chunk.SkipRowsAsync(3, CancellationToken.None));

        PageSlots rest = chunk.Take(chunk.PageSlotsLeft);
        Assert.Equal([1, 0, 1], rest.Definitions.ToArray());
        Assert.Equal([30, 40], Read(rest));
    }

    [Fact]
    public async Task Taking_more_slots_than_the_page_has_left_is_refused()
    {
        using ColumnChunkReader chunk = await OpenAsync();
        chunk.Take(4);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => chunk.Take(3));
        Assert.Contains("2 slots left", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => chunk.Take(-1));
        Assert.Equal(2, chunk.PageSlotsLeft);
    }

    private static int[] Read(PageSlots slots)
    {
        byte[] bytes = new byte[slots.CountPresent() * 4];
        slots.Values.ReadFixed(bytes, slots.CountPresent());
        return MemoryMarshal.Cast<byte, int>(bytes).ToArray();
    }

    /// <summary>A chunk of one uncompressed v1 data page (Thrift compact header by hand), at its first page.</summary>
    private static async Task<ColumnChunkReader> OpenAsync()
    {
        byte packed = 0;
        for (int i = 0; i < Definitions.Length; i++)
        {
            packed |= (byte)(Definitions[i] << i);
        }

        byte[] levels = [0x03, packed]; // One bit-packed group of eight levels, one bit each.
        byte[] page = [.. BitConverter.GetBytes(levels.Length), .. levels, .. new[] { 10, 20, 30, 40 }.SelectMany(BitConverter.GetBytes)];
        byte[] header =
        [
            0x15, 0x00,                                     // 1: type = DATA_PAGE
            0x15, .. ThriftBytes.Varint(page.Length),       // 2: uncompressed_page_size
            0x15, .. ThriftBytes.Varint(page.Length),       // 3: compressed_page_size
            0x2C,                                           // 5: data_page_header
            0x15, .. ThriftBytes.Varint(Definitions.Length), 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00,
            0x00,
        ];
        byte[] chunk = [.. header, .. page];
        var layout = new ColumnChunkLayout(0, chunk.Length, CompressionCodec.Uncompressed, PhysicalType.Int32, 0, MaxDefinitionLevel: 1, MaxRepetitionLevel: 0, Definitions.Length, UncompressedLength: 0);
        var reader = new ColumnChunkReader(new StreamRangeReader(new MemoryStream(chunk)), layout, verifyCrc: true);
        Assert.True(await reader.NextPageAsync(CancellationToken.None));
        return reader;
    }
}
