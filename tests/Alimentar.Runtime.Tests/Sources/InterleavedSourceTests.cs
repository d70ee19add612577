namespace Alimentar.Runtime.Tests;

public sealed class InterleavedSourceTests
{
    [Fact]
    public void Units_mix_in_proportion_to_the_weights_and_the_same_seed_gives_the_same_mix()
    {
        using MemorySource<Item> web = Units(2_000, start: 0);
        using MemorySource<Item> books = Units(2_000, start: 100_000);

        int[] first = Ids(new InterleavedSource<Item>(7, (web, 0.7), (books, 0.3)));
        int[] again = Ids(new InterleavedSource<Item>(7, (web, 0.7), (books, 0.3)));
        int[] otherSeed = Ids(new InterleavedSource<Item>(8, (web, 0.7), (books, 0.3)));

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        double webShare = first.Take(1_000).Count(id => id < 100_000) / 1_000.0;
        Assert.InRange(webShare, 0.65, 0.75);
        Assert.Equal(first.Where(id => id < 100_000).Order(), first.Where(id => id < 100_000));
    }

    [Fact]
    public void The_mix_stops_at_the_first_exhausted_source_or_runs_until_all_are()
    {
        using MemorySource<Item> small = Units(10, start: 0);
        using MemorySource<Item> large = Units(500, start: 1_000);

        int[] first = Ids(new InterleavedSource<Item>(3, (small, 0.5), (large, 0.5)));
        int[] all = Ids(new InterleavedSource<Item>(3, (small, 0.5), (large, 0.5)).StopWhen(InterleaveStop.AllExhausted));

        Assert.Equal(10, first.Count(id => id < 1_000));
        Assert.True(first.Length < 510, "stopping at the first exhausted source leaves the larger one unfinished");
        Assert.Equal(510, all.Length);
        Assert.Equal(all.Length, all.Distinct().Count());
    }

    [Fact]
    public void An_interleaved_source_is_sharded_like_any_other()
    {
        using MemorySource<Item> web = Units(300, start: 0);
        using MemorySource<Item> books = Units(200, start: 100_000);
        var mixed = new InterleavedSource<Item>(11, (web, 2.0), (books, 1.0)).StopWhen(InterleaveStop.AllExhausted);

        var seen = new HashSet<int>();
        for (int rank = 0; rank < 3; rank++)
        {
            using var streaming = new StreamingDataset<Item>(mixed, 4).WithShard(rank, 3).WithShuffle(1);
            int[] ids = streaming.Rows().Select(i => i.Id).ToArray();
            Assert.Equal(500 / 3, ids.Length);
            Assert.All(ids, id => Assert.True(seen.Add(id)));
        }
    }

    [Fact]
    public void Weights_must_be_positive_and_sources_must_describe_their_units()
    {
        using MemorySource<Item> web = Units(3, start: 0);
        var opaque = new InstrumentedSource(2, 2, new ColumnBufferPool());

        Assert.Throws<ArgumentException>(() => new InterleavedSource<Item>(1, (web, 0.0)));
        Assert.Throws<ArgumentException>(() => new InterleavedSource<Item>(1, (web, 1.0), (opaque, 1.0)));
        Assert.Throws<ArgumentException>(() => new InterleavedSource<Item>(1));
    }

    /// <summary>A memory source of one-row units, ids counting from <paramref name="start"/>.</summary>
    private static MemorySource<Item> Units(int count, int start) => new(TestData.Items(count, start), batchSize: 1);

    private static int[] Ids(IBatchSource<Item> source)
    {
        using var streaming = new StreamingDataset<Item>(source, 8);
        return streaming.Rows().Select(i => i.Id).ToArray();
    }
}
