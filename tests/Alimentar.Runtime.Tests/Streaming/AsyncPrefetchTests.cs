namespace Alimentar.Runtime.Tests;

public sealed class AsyncPrefetchTests
{
    [Fact]
    public void Prefetch_preserves_order_from_sync_code()
    {
        Batch<Item>[] batches = TestData.Batches(12, 5);
        AsyncPrefetch<Item> prefetch = new AsyncPrefetchBuilder<Item>(batches).PrefetchSize(4).Build();

        Assert.Equal(4, prefetch.PrefetchSize);
        Assert.Equal(Enumerable.Range(0, 60), TestData.Ids(prefetch));
    }

    [Fact]
    public async Task Prefetch_preserves_order_from_async_code()
    {
        using var source = new MemorySource<Item>(TestData.Items(40), batchSize: 3);
        AsyncPrefetch<Item> prefetch = new AsyncPrefetchBuilder<Item>(source).PrefetchSize(2).Build();

        var ids = new List<int>();
        await foreach (Batch<Item> batch in prefetch.ReadAllAsync())
        {
            using (batch)
            {
                ids.AddRange(batch.Id.ToArray());
            }
        }

        Assert.Equal(Enumerable.Range(0, 40), ids);
    }

    [Fact]
    public void Prefetch_keeps_at_most_its_size_ready()
    {
        var source = new InstrumentedSource(batchCount: 50, batchSize: 1, new ColumnBufferPool());
        AsyncPrefetch<Item> prefetch = new AsyncPrefetchBuilder<Item>(source).PrefetchSize(4).Build();

        using IEnumerator<Batch<Item>> enumerator = prefetch.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        TestData.Eventually(() => source.Pulled == 5, "the prefetcher to fill");
        Thread.Sleep(100);
        Assert.Equal(5, source.Pulled);
    }

    [Fact]
    public void A_zero_prefetch_size_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncPrefetchBuilder<Item>(TestData.Batches(1, 1)).PrefetchSize(0).Build());
    }
}
