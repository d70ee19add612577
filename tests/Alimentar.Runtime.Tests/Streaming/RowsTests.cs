namespace Alimentar.Runtime.Tests;

/// <summary><see cref="StreamingDataset{T}.Rows"/>: row by row, with the pass and its buffers ended as batches are.</summary>
public sealed class RowsTests
{
    [Fact]
    public void Rows_cross_batches_of_every_size_in_order()
    {
        using var source = new MemorySource<Item>(TestData.Items(101), batchSize: 10);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 2);

        Assert.Equal(Enumerable.Range(0, 101), streaming.Rows().Select(row => row.Id));
    }

    [Fact]
    public void The_pass_begins_when_enumeration_does_not_when_Rows_is_called()
    {
        using var source = new MemorySource<Item>(TestData.Items(10), batchSize: 4);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 2);

        IEnumerable<Item> first = streaming.Rows();
        IEnumerable<Item> second = streaming.Rows();

        Assert.Equal(10, second.Count());
        Assert.Equal(10, first.Count());
    }

    [Fact]
    public void The_pass_ends_with_its_last_row_so_the_next_may_begin_before_the_enumerator_is_disposed()
    {
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 3, batchSize: 4, pool);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 2);

        using IEnumerator<Item> rows = streaming.Rows().GetEnumerator();
        int read = 0;
        while (rows.MoveNext())
        {
            read++;
        }

        Assert.Equal(12, read);
        Assert.Equal(0, pool.OutstandingBuffers);
        Assert.Equal(12, streaming.Rows().Count());
    }

    [Fact]
    public void Breaking_out_mid_batch_returns_every_buffer_and_stops_the_producer()
    {
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 1000, batchSize: 4, pool);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 8);

        int seen = 0;
        foreach (Item row in streaming.Rows())
        {
            if (++seen == 6)
            {
                break;
            }
        }

        Assert.Equal(0, source.Running);
        Assert.Equal(0, pool.OutstandingBuffers);
        Assert.Equal(8, streaming.Rows().Take(8).Count());
    }

    [Fact]
    public void A_source_fault_arrives_after_every_row_before_it_and_ends_the_pass()
    {
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 10, batchSize: 3, pool, failAt: 2);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 4);

        IEnumerator<Item> rows = streaming.Rows().GetEnumerator();
        var ids = new List<int>();
        InvalidDataException fault = Assert.Throws<InvalidDataException>(() =>
        {
            while (rows.MoveNext())
            {
                ids.Add(rows.Current.Id);
            }
        });

        // Not disposed by the test: the failed enumerator ended its own pass and returned its buffers.
        Assert.Same(source.Failure, fault);
        Assert.Equal([0, 1, 2, 3, 4, 5], ids);
        Assert.Equal(0, source.Running);
        Assert.Equal(0, pool.OutstandingBuffers);
        Assert.False(rows.MoveNext());
    }

    [Fact]
    public void Empty_batches_are_passed_over()
    {
        using var streaming = new StreamingDataset<Item>(new BatchesOfSizes(2, 0, 0, 3), bufferSize: 2);

        Assert.Equal([0, 1, 0, 1, 2], streaming.Rows().Select(row => row.Id));
    }

    [Fact]
    public void A_state_taken_mid_batch_counts_the_rows_handed_out()
    {
        using var source = new MemorySource<Item>(TestData.Items(20), batchSize: 8);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 2);

        using IEnumerator<Item> rows = streaming.Rows().GetEnumerator();
        for (int i = 0; i < 11; i++)
        {
            Assert.True(rows.MoveNext());
        }

        Assert.Equal(11, streaming.GetState().RowsConsumed);
    }

    private sealed class BatchesOfSizes(params int[] sizes) : IBatchSource<Item>
    {
        public async IAsyncEnumerable<Batch<Item>> ReadBatchesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (int size in sizes)
            {
                await Task.Yield();
                yield return Batch<Item>.FromRows(TestData.Items(size));
            }
        }
    }
}
