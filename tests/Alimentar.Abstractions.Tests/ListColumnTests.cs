namespace Alimentar.Abstractions.Tests;

public sealed class ListColumnTests
{
    [Fact]
    public void Rows_are_held_flat_with_offsets_from_zero_and_null_apart_from_empty()
    {
        var pool = new ColumnBufferPool();
        var buffer = new ListBuffer<int>(4, pool);
        buffer.Append([1, 2, 3]);
        buffer.AppendNull();
        buffer.Append([]);
        buffer.Append([4]);

        ListColumn<int> column = buffer.View(0, 4);

        Assert.Equal(4, column.Count);
        Assert.Equal([0, 3, 3, 3, 4], column.Offsets.ToArray());
        Assert.Equal([1, 2, 3, 4], column.Values.ToArray());
        Assert.Equal([1, 2, 3], column[0].ToArray());
        Assert.True(column.IsNull(1));
        Assert.False(column.IsNull(2));
        Assert.Equal(0, column.LengthOf(2));
        Assert.Null(column.ToArray(1));
        Assert.Empty(column.ToArray(2)!);
        Assert.Equal(3, column.MaxLength);
        Assert.Throws<ArgumentOutOfRangeException>(() => column.IsNull(4));

        buffer.Return();
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public void A_view_inside_the_buffer_rebases_its_offsets_and_sees_only_its_rows()
    {
        var buffer = new ListBuffer<string>(3, new ColumnBufferPool());
        buffer.Set(0, ["a", "b"]);
        buffer.Set(1, new List<string> { "c" });
        buffer.Set(2, ["d", "e", "f"]);

        ListColumn<string> slice = buffer.View(1, 2);

        Assert.Equal([0, 1, 4], slice.Offsets.ToArray());
        Assert.Equal(["c", "d", "e", "f"], slice.Values.ToArray());
        Assert.Equal(["d", "e", "f"], slice[1].ToArray());
        Assert.False(slice.IsNull(0));
        buffer.Return();
    }

    [Fact]
    public void Setting_an_earlier_row_drops_the_rows_after_it_and_a_later_one_is_refused()
    {
        var buffer = new ListBuffer<long>(4, new ColumnBufferPool());
        buffer.Set(0, [1L]);
        buffer.Set(1, null);
        buffer.Set(2, [2L, 3L]);

        buffer.Set(1, [9L]);

        Assert.Equal(2, buffer.Rows);
        Assert.Equal([9L], buffer.ToArray(1));
        Assert.False(buffer.IsNull(1));
        Assert.Throws<InvalidOperationException>(() => buffer.Set(3, [1L]));
        buffer.Return();
    }

    [Fact]
    public void Elements_grow_past_the_first_rental_and_the_pool_gets_every_buffer_back()
    {
        var pool = new ColumnBufferPool();
        var buffer = new ListBuffer<int>(2, pool);
        int[] longList = Enumerable.Range(0, 10_000).ToArray();
        buffer.Append(longList);
        buffer.Append(longList.AsSpan(0, 5));

        Assert.Equal(longList, buffer.View(0, 2)[0].ToArray());
        Assert.Equal(10_005, buffer.ValueCount);
        Assert.Throws<InvalidOperationException>(() => buffer.AppendNull());

        buffer.Return();
        buffer.Return();
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public void Size_counts_offsets_elements_and_string_characters()
    {
        var buffer = new ListBuffer<string?>(2, new ColumnBufferPool());
        buffer.Append(["abc", null]);
        buffer.Append(["de"]);

        long pointer = IntPtr.Size;
        Assert.Equal((2 * (sizeof(int) + sizeof(bool))) + (3 * pointer) + (5 * sizeof(char)), buffer.SizeInBytes(0, 2));
        Assert.Equal((sizeof(int) + sizeof(bool)) + pointer + (2 * sizeof(char)), buffer.SizeInBytes(1, 1));
        buffer.Return();
    }

    [Fact]
    public void A_default_column_is_empty()
    {
        ListColumn<int> column = default;

        Assert.Equal(0, column.Count);
        Assert.Equal([0], column.Offsets.ToArray());
        Assert.True(column.Values.IsEmpty);
    }

    [Fact]
    public void Reserving_a_batch_s_elements_grows_the_values_once_and_keeps_every_row()
    {
        (long reserved, ListColumn<int> rows) = FillWhileCounting(reserve: true);
        (long grown, _) = FillWhileCounting(reserve: false);

        // Counted in arrays rented rather than bytes allocated: the pool is shared by every test in the process, so
        // what a doubling allocates depends on the arrays other tests happened to return. The three arrays every
        // buffer starts with, then one for the reservation; without it, a new values array at each doubling.
        Assert.Equal(4, reserved);
        Assert.True(grown >= reserved + 3, $"{reserved} arrays rented with the reservation, {grown} without");
        Assert.Equal(64, rows.Count);
        Assert.Equal(64_000, rows.Values.Length);
        Assert.Equal(63 * 1_000 + 999, rows[63][999]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ListBuffer<int>(1, new ColumnBufferPool()).Reserve(-1));
    }

    private static (long Rented, ListColumn<int> Rows) FillWhileCounting(bool reserve)
    {
        var pool = new ColumnBufferPool();
        var buffer = new ListBuffer<int>(64, pool);
        int[] row = new int[1_000];
        if (reserve)
        {
            buffer.Reserve(64_000);
        }

        for (int i = 0; i < 64; i++)
        {
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = (i * 1_000) + j;
            }

            buffer.Append(row);
        }

        return (pool.RentedBuffers, buffer.View(0, 64));
    }
}
