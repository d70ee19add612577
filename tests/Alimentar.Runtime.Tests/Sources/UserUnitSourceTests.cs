using System.Runtime.CompilerServices;

namespace Alimentar.Runtime.Tests;

/// <summary>A source written outside the library, through the public <see cref="IUnitSource{T}"/>: planned like a built-in one.</summary>
public sealed class UserUnitSourceTests
{
    [Fact]
    public void A_user_source_shards_and_shuffles_every_row_to_exactly_one_rank()
    {
        var source = new KeyRangeSource([40, 7, 25, 13, 1, 30]);
        var seen = new List<int>();
        long planned = 0;
        for (int rank = 0; rank < 3; rank++)
        {
            using StreamingDataset<Item> streaming = new StreamingDataset<Item>(source, 4).WithShard(rank, 3).WithShuffle(seed: 5, windowRows: 16, lanes: 2);
            planned += streaming.TotalRows;
            seen.AddRange(streaming.Rows().Select(item => item.Id));
        }

        Assert.Equal(116 - (116 % 3), seen.Count);
        Assert.Equal(seen.Count, planned);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.NotEqual(seen.Order(), seen);
    }

    [Fact]
    public void A_user_source_resumes_with_the_row_after_the_last_one_consumed()
    {
        var source = new KeyRangeSource([40, 7, 25, 13, 1, 30]);
        int[] whole;
        using (StreamingDataset<Item> uninterrupted = new StreamingDataset<Item>(source, 4).WithShuffle(seed: 9))
        {
            whole = uninterrupted.Rows().Select(item => item.Id).ToArray();
        }

        using StreamingDataset<Item> first = new StreamingDataset<Item>(source, 4).WithShuffle(seed: 9);
        var consumed = new List<int>();
        foreach (Batch<Item> batch in first.Take(3))
        {
            using (batch)
            {
                foreach (Item item in batch)
                {
                    consumed.Add(item.Id);
                }
            }
        }

        StreamingState state = first.GetState();
        using StreamingDataset<Item> resumed = new StreamingDataset<Item>(source, 4).WithShuffle(seed: 9).ResumeFrom(state);
        int[] rest = resumed.Rows().Select(item => item.Id).ToArray();

        Assert.Equal(whole, consumed.Concat(rest).ToArray());
    }

    [Fact]
    public void A_user_source_interleaves_with_a_built_in_one_and_a_one_shot_one_is_not_read_ahead()
    {
        var user = new KeyRangeSource([5, 5]);
        using var memory = new MemorySource<Item>(Enumerable.Range(1000, 10).Select(i => new Item(i, "m", null)), batchSize: 5);
        var mixed = new InterleavedSource<Item>(7, (user, 1.0), (memory, 1.0)).StopWhen(InterleaveStop.AllExhausted);

        using var streaming = new StreamingDataset<Item>(mixed, 4).WithErrorPolicy(ErrorPolicy.SkipFile);
        int[] ids = streaming.Rows().Select(item => item.Id).ToArray();

        Assert.Equal(20, ids.Length);
        Assert.Equal(Enumerable.Range(0, 10).Concat(Enumerable.Range(1000, 10)), ids.Order());
        var once = new KeyRangeSource([3]) { ReadsOnce = true };
        using var checkedOnce = new StreamingDataset<Item>(once, 2).WithErrorPolicy(ErrorPolicy.SkipFile);
        Assert.Equal(3, checkedOnce.Rows().Count());
        Assert.Equal(1, once.Passes);
    }

    /// <summary>Rows in units of given sizes, ids counting up across them: what a key-value store's ranges might give.</summary>
    private sealed class KeyRangeSource(int[] unitSizes) : IUnitSource<Item>
    {
        private int _passes;

        public string Name => "kv://items";

        public int BatchRows => 4;

        public bool ReadsOnce { get; init; }

        public int Passes => Volatile.Read(ref _passes);

        bool IUnitSource<Item>.CanReadTwice => !ReadsOnce;

        public ValueTask<IReadOnlyList<long>> GetUnitRowCountsAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<long>>(unitSizes.Select(size => (long)size).ToArray());

        public async IAsyncEnumerable<Batch<Item>> ReadUnitAsync(int unit, long skip, long take, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            int first = unitSizes.Take(unit).Sum() + (int)skip;
            for (long done = 0; done < take; done += BatchRows)
            {
                int count = (int)Math.Min(BatchRows, take - done);
                await Task.Yield();
                yield return Batch<Item>.FromRows(
                    Enumerable.Range(first + (int)done, count).Select(id => new Item(id, $"item-{id}", id * 0.5)).ToArray(),
                    ColumnBufferPool.Shared,
                    new BatchPosition(Name, unit, skip + done));
            }
        }

        public async IAsyncEnumerable<Batch<Item>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _passes);
            for (int unit = 0; unit < unitSizes.Length; unit++)
            {
                await foreach (Batch<Item> batch in ReadUnitAsync(unit, 0, unitSizes[unit], cancellationToken).ConfigureAwait(false))
                {
                    yield return batch;
                }
            }
        }
    }
}
