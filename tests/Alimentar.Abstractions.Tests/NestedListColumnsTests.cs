using System.Collections.Immutable;

namespace Alimentar.Abstractions.Tests;

public sealed class NestedListColumnsTests
{
    [Fact]
    public void Flattening_makes_the_inner_lists_the_rows_of_a_column_of_their_elements()
    {
        // Rows: [[1, 2], [3]], null, [[], null, [4, 5, 6]].
        var column = new ListColumn<int[]>([0, 2, 2, 5], [[1, 2], [3], [], null!, [4, 5, 6]], [false, true, false], 0, 3);

        ListColumn<int> inner = column.Flatten();

        Assert.Equal(5, inner.Count);
        Assert.Equal([0, 2, 3, 3, 3, 6], inner.Offsets.ToArray());
        Assert.Equal([1, 2, 3, 4, 5, 6], inner.Values.ToArray());
        Assert.Equal([false, false, false, true, false], Enumerable.Range(0, inner.Count).Select(inner.IsNull));

        // A list of binaries flattens to its bytes, as Arrow holds binary values.
        var blobs = new ListColumn<byte[]>([0, 2], [[1, 2, 3], [4]], null, 0, 1);
        Assert.Equal([0, 3, 4], blobs.Flatten().Offsets.ToArray());
        Assert.Equal([1, 2, 3, 4], blobs.Flatten().Values.ToArray());

        // The outer offsets pick each row's inner lists out of the flattened column.
        ReadOnlySpan<int> rows = column.Offsets;
        Assert.Equal([4, 5, 6], inner[rows[2] + 2].ToArray());
    }

    [Fact]
    public void A_view_inside_a_column_flattens_only_its_rows_and_lists_read_only_lists_and_memories_flatten_alike()
    {
        // Row 0 is outside the view.
        var lists = new ListColumn<List<long>>([0, 1, 3, 4], [[9], [1, 2], [], [3]], null, 1, 2);
        var arrays = new ListColumn<ImmutableArray<byte>>([0, 2], [[7, 8], default], null, 0, 1);
        var readOnly = new ListColumn<IReadOnlyList<int>>([0, 3], [new[] { 5, 6 }, ImmutableList.Create(7), null!], null, 0, 1);
        var memories = new ListColumn<ReadOnlyMemory<float>>([0, 2], [new float[] { 0, 1, 2 }.AsMemory(1), default], null, 0, 1);

        ListColumn<long> flat = lists.Flatten();
        ListColumn<byte> bytes = arrays.Flatten();
        ListColumn<float> floats = memories.Flatten();
        ListColumn<int> numbers = readOnly.Flatten();

        Assert.Equal([0, 2, 2, 3], flat.Offsets.ToArray());
        Assert.Equal([1L, 2, 3], flat.Values.ToArray());
        Assert.False(flat.IsNull(1));
        Assert.Equal([7, 8], bytes.Values.ToArray());
        Assert.True(bytes.IsNull(1));
        Assert.Equal([1f, 2f], floats.Values.ToArray());
        Assert.Equal([0, 2, 2], floats.Offsets.ToArray());
        Assert.False(floats.IsNull(1));
        Assert.Equal([5, 6, 7], numbers.Values.ToArray());
        Assert.Equal([0, 2, 3, 3], numbers.Offsets.ToArray());
        Assert.True(numbers.IsNull(2));
    }

    [Fact]
    public void Flattening_twice_lays_out_three_levels_in_copies_the_caller_owns()
    {
        // An int[][][] member's column: row 0 holds one list of lists, row 1 two.
        int[][][] elements = [[[1], [2, 3]], [[]], [[4]]];
        var column = new ListColumn<int[][]>([0, 1, 3], elements, null, 0, 2);

        ListColumn<int[]> lists = column.Flatten();
        ListColumn<int> values = lists.Flatten();
        elements[0][0][0] = 99;

        Assert.Equal([0, 2, 3, 4], lists.Offsets.ToArray());
        Assert.Equal([0, 1, 3, 3, 4], values.Offsets.ToArray());
        Assert.Equal([1, 2, 3, 4], values.Values.ToArray());
    }
}
