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

    /// <summary>A chunk of one page holding <see cref="Definitions"/>' six slots.</summary>
    private static Task<ColumnChunkReader> OpenAsync()
    {
        byte packed = 0;
        for (int i = 0; i < Definitions.Length; i++)
        {
            packed |= (byte)(Definitions[i] << i);
        }

        byte[] levels = [0x03, packed]; // One bit-packed group of eight levels, one bit each.
        byte[] page = [.. BitConverter.GetBytes(levels.Length), .. levels, .. new[] { 10, 20, 30, 40 }.SelectMany(BitConverter.GetBytes)];
        return HandBuiltChunk.OpenAsync(page, Definitions.Length, maxDefinitionLevel: 1, maxRepetitionLevel: 0);
    }
}
