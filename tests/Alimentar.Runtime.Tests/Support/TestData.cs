namespace Alimentar.Runtime.Tests;

internal static class TestData
{
    public static Item[] Items(int count, int start = 0) =>
        Enumerable.Range(start, count).Select(i => new Item(i, $"item-{i}", i % 3 == 0 ? null : i * 0.5)).ToArray();

    /// <summary>Batches of <paramref name="batchSize"/> rows over consecutive ids, from a counting pool.</summary>
    public static Batch<Item>[] Batches(int batchCount, int batchSize, ColumnBufferPool? pool = null) =>
        Enumerable.Range(0, batchCount).Select(b => Batch<Item>.FromRows(Items(batchSize, b * batchSize), pool)).ToArray();

    public static int[] Ids(IEnumerable<Batch<Item>> batches) => batches.SelectMany(b => b.Select(r => r.Id)).ToArray();

    /// <summary>Waits until <paramref name="condition"/> holds, failing after a generous bound so a bug cannot hang the suite.</summary>
    public static void Eventually(Func<bool> condition, string what)
    {
        Assert.True(SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(10)), $"Timed out waiting for {what}.");
    }

    /// <summary>A memory source of one batch per size, ids counting up across them.</summary>
    public static MemorySource<Item> UnevenSource(IEnumerable<int> sizes)
    {
        int next = 0;
        var batches = new List<Batch<Item>>();
        foreach (int size in sizes)
        {
            batches.Add(Batch<Item>.FromRows(Items(size, next)));
            next += size;
        }

        return new MemorySource<Item>(batches);
    }
}
