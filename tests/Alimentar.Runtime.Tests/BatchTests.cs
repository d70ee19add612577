namespace Alimentar.Runtime.Tests;

public sealed class BatchTests
{
    [Fact]
    public void Rows_round_trip_through_columns()
    {
        Item[] rows = TestData.Items(5);
        using Batch<Item> batch = Batch<Item>.FromRows(rows);

        Assert.Equal(5, batch.Count);
        Assert.Equal(rows, batch.ToArray());
        Assert.Equal(rows[3], batch[3]);
        Assert.Equal(rows, batch.Select(r => r));
    }

    [Fact]
    public void Typed_columns_are_spans_over_the_batch_rows()
    {
        using Batch<Item> batch = Batch<Item>.FromRows(TestData.Items(4));

        Assert.Equal([0, 1, 2, 3], batch.Id.ToArray());
        Assert.Equal(["item-0", "item-1", "item-2", "item-3"], batch.Name.ToArray());
        Assert.Equal([null, 0.5, 1.0, null], batch.Score.ToArray());
    }

    [Fact]
    public void SizeInBytes_counts_fixed_width_columns_and_string_characters()
    {
        using Batch<Item> batch = Batch<Item>.FromRows([new Item(1, "abc", 2.0), new Item(2, "de", null)]);

        // int (4) + string reference (8) + double? (16) per row, plus two bytes per character.
        Assert.Equal((2 * (4 + 8 + 16)) + (5 * 2), batch.SizeInBytes);
    }

    [Fact]
    public void Dispose_returns_every_buffer_and_later_use_throws()
    {
        var pool = new ColumnBufferPool();
        Batch<Item> batch = Batch<Item>.FromRows(TestData.Items(3), pool);
        Assert.Equal(3, pool.OutstandingBuffers);

        batch.Dispose();
        batch.Dispose();

        Assert.Equal(0, pool.OutstandingBuffers);
        Assert.Throws<ObjectDisposedException>(() => batch[0]);
        Assert.Throws<ObjectDisposedException>(() => batch.Id.Length);
    }

    [Fact]
    public void Shared_batches_keep_buffers_until_the_last_is_disposed()
    {
        var pool = new ColumnBufferPool();
        Batch<Item> original = Batch<Item>.FromRows(TestData.Items(3), pool);
        Batch<Item> shared = original.Share();

        original.Dispose();
        Assert.Equal(3, pool.OutstandingBuffers);
        Assert.Equal(2, shared[2].Id);

        shared.Dispose();
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public void Indexer_outside_the_batch_throws()
    {
        using Batch<Item> batch = Batch<Item>.FromRows(TestData.Items(2));

        Assert.Throws<ArgumentOutOfRangeException>(() => batch[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch[-1]);
    }
}
