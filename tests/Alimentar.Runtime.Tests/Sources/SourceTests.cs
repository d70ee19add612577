namespace Alimentar.Runtime.Tests;

public sealed class SourceTests
{
    [Fact]
    public void An_empty_memory_source_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => new MemorySource<Item>(Array.Empty<Batch<Item>>()));
        Assert.Throws<ArgumentException>(() => new MemorySource<Item>(Array.Empty<Item>(), batchSize: 4));
    }

    [Fact]
    public async Task A_memory_source_takes_over_the_batches_it_is_given_and_disposes_them_with_itself()
    {
        var pool = new ColumnBufferPool();
        Batch<Item>[] given = TestData.Batches(3, 4, pool);
        var source = new MemorySource<Item>(given);

        Assert.All(given, batch => Assert.True(batch.IsDisposed));
        Assert.Equal([0, 4, 8], (await ReadAsync(source)).Select(ids => ids[0]));
        Assert.Equal(3, source.BatchCount);
        Assert.True(pool.OutstandingBuffers > 0, "the source holds the buffers until it is disposed");
        source.Dispose();
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public void An_empty_chain_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => new ChainedSource<Item>());
    }

    [Fact]
    public async Task Memory_source_from_rows_cuts_batches_and_replays_each_pass()
    {
        using var source = new MemorySource<Item>(TestData.Items(10), batchSize: 4);

        int[][] first = await ReadAsync(source);
        int[][] second = await ReadAsync(source);

        Assert.Equal([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]], first);
        Assert.Equal(first, second);
        Assert.Equal(3, source.BatchCount);
        Assert.Equal(10, source.RowCount);
    }

    [Fact]
    public async Task Disposing_what_a_pass_yields_leaves_the_memory_source_intact_until_it_is_disposed()
    {
        var pool = new ColumnBufferPool();
        var source = new MemorySource<Item>(TestData.Items(6), batchSize: 3, pool);

        await ReadAsync(source);
        await ReadAsync(source);
        Assert.Equal(6, pool.OutstandingBuffers);

        source.Dispose();
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public async Task Chained_source_reads_sources_in_order_and_restarts_each()
    {
        using var first = new MemorySource<Item>(TestData.Items(3), batchSize: 2);
        using var second = new MemorySource<Item>(TestData.Items(2, start: 100), batchSize: 2);
        var chained = new ChainedSource<Item>(first, second);

        int[][] pass1 = await ReadAsync(chained);
        int[][] pass2 = await ReadAsync(chained);

        Assert.Equal([[0, 1], [2], [100, 101]], pass1);
        Assert.Equal(pass1, pass2);
    }

    [Fact]
    public async Task A_chain_grown_by_appending_in_a_loop_stays_one_level_deep_and_reads_in_order()
    {
        // Ten thousand chains nested in one another overflowed the stack on a pass, which ends the process.
        using var first = new MemorySource<Item>(TestData.Items(2), batchSize: 2);
        using var next = new MemorySource<Item>(TestData.Items(1, start: 100), batchSize: 2);
        var chained = new ChainedSource<Item>(first);
        for (int appended = 0; appended < 20_000; appended++)
        {
            chained = new ChainedSource<Item>(chained, next);
        }

        int[] ids = await Task.Run(() =>
        {
            using var streaming = new StreamingDataset<Item>(chained, 4);
            return streaming.Rows().Select(item => item.Id).ToArray();
        });

        Assert.Equal([0, 1, .. Enumerable.Repeat(100, 20_000)], ids);
        Assert.Equal(20_001, chained.Sources.Count);
        Assert.Same(first, chained.Sources[0]);
        Assert.All(chained.Sources.Skip(1), source => Assert.Same(next, source));
        using var sharded = new StreamingDataset<Item>(chained, 4).WithShard(new ShardPlan(1, 2));
        Assert.Equal(10_001, sharded.TotalRows);
    }

    [Fact]
    public async Task Batch_positions_name_the_source_and_batch()
    {
        using var source = new MemorySource<Item>(TestData.Items(5), batchSize: 2);
        var positions = new List<BatchPosition>();
        await foreach (Batch<Item> batch in source.ReadBatchesAsync())
        {
            positions.Add(batch.Position);
            batch.Dispose();
        }

        Assert.Equal([new("memory", 0, 0), new("memory", 1, 2), new("memory", 2, 4)], positions);
    }

    private static async Task<int[][]> ReadAsync(IBatchSource<Item> source)
    {
        var ids = new List<int[]>();
        await foreach (Batch<Item> batch in source.ReadBatchesAsync())
        {
            using (batch)
            {
                ids.Add(batch.Id.ToArray());
            }
        }

        return ids.ToArray();
    }
}
