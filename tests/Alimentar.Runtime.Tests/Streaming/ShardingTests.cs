namespace Alimentar.Runtime.Tests;

/// <summary>Shards and seeded orders planned from unit row counts: disjoint, covering, equal and deterministic.</summary>
public sealed class ShardingTests
{
    private static readonly int[] UnitSizes = [7, 1, 13, 4, 9, 2, 20, 5, 3, 11, 6];

    public static TheoryData<int, int?> Worlds()
    {
        var data = new TheoryData<int, int?>();
        for (int world = 1; world <= 8; world++)
        {
            foreach (int? seed in new int?[] { null, 1, 42, 2026 })
            {
                data.Add(world, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Shards_are_disjoint_equal_and_cover_the_epoch_but_a_remainder_smaller_than_the_world(int world, int? seed)
    {
        using MemorySource<Item> source = UnevenSource();
        int total = UnitSizes.Sum();
        var seen = new HashSet<int>();
        for (int rank = 0; rank < world; rank++)
        {
            int[] ids = Read(source, seed, epoch: 3, rank, world);

            Assert.Equal(total / world, ids.Length);
            Assert.Equal(ids.Length, Dataset(source, seed, 3, rank, world).TotalRows);
            Assert.All(ids, id => Assert.True(seen.Add(id), $"id {id} reached two ranks"));
        }

        Assert.Equal(world * (total / world), seen.Count);
        Assert.InRange(total - seen.Count, 0, world - 1);
    }

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Padded_shards_are_equal_cover_every_row_and_repeat_only_to_fill_the_last_share(int world, int? seed)
    {
        using MemorySource<Item> source = UnevenSource();
        int total = UnitSizes.Sum();
        int share = (total + world - 1) / world;
        var counts = new Dictionary<int, int>();
        for (int rank = 0; rank < world; rank++)
        {
            using var streaming = new StreamingDataset<Item>(source, 4).WithShard(new ShardPlan(rank, world) { Remainder = ShardRemainder.Pad }).WithEpoch(3);
            if (seed is { } s)
            {
                streaming.WithShuffle(s);
            }

            int[] ids = streaming.Rows().Select(item => item.Id).ToArray();
            Assert.Equal(share, ids.Length);
            Assert.Equal(share, streaming.TotalRows);
            foreach (int id in ids)
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        Assert.Equal(total, counts.Count);
        Assert.Equal(share * world - total, counts.Values.Count(c => c == 2));
        Assert.All(counts.Values, c => Assert.InRange(c, 1, 2));
    }

    [Fact]
    public void A_state_taken_with_a_padded_shard_does_not_resume_a_dropping_one()
    {
        using MemorySource<Item> source = UnevenSource();
        using var padded = new StreamingDataset<Item>(source, 4).WithShard(new ShardPlan(1, 3) { Remainder = ShardRemainder.Pad });
        StreamingState state = StreamingState.FromBytes(padded.GetState().ToBytes());
        using var dropping = new StreamingDataset<Item>(source, 4).WithShard(1, 3);

        Assert.True(state.PadRemainder);
        var error = Assert.Throws<InvalidOperationException>(() => dropping.ResumeFrom(state));
        Assert.Contains("remainder padded in the state, dropped here", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_row_shuffled_pass_lets_go_of_every_batch_it_held_whether_it_ends_or_is_abandoned(bool abandon)
    {
        var pool = new ColumnBufferPool();
        int next = 0;
        var batches = new List<Batch<Item>>();
        foreach (int size in UnitSizes)
        {
            batches.Add(Batch<Item>.FromRows(TestData.Items(size, next), pool));
            next += size;
        }

        var source = new MemorySource<Item>(batches);
        using (var streaming = new StreamingDataset<Item>(source, 2).WithShuffle(5, windowRows: 16, lanes: 3))
        {
            foreach (Batch<Item> batch in streaming)
            {
                batch.Dispose();
                if (abandon)
                {
                    break;
                }
            }
        }

        source.Dispose();
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public void The_order_is_a_function_of_seed_and_epoch_and_changes_with_the_epoch()
    {
        using MemorySource<Item> source = UnevenSource();

        int[] first = Read(source, seed: 42, epoch: 0, rank: 0, world: 1);
        int[] again = Read(source, seed: 42, epoch: 0, rank: 0, world: 1);
        int[] nextEpoch = Read(source, seed: 42, epoch: 1, rank: 0, world: 1);
        int[] unshuffled = Read(source, seed: null, epoch: 0, rank: 0, world: 1);

        Assert.Equal(first, again);
        Assert.NotEqual(first, nextEpoch);
        Assert.NotEqual(unshuffled, first);
        Assert.Equal(unshuffled.Order(), first.Order());
        Assert.Equal(Enumerable.Range(0, UnitSizes.Sum()), unshuffled);
    }

    [Fact]
    public void A_source_that_cannot_describe_its_units_cannot_be_sharded()
    {
        var source = new InstrumentedSource(batchCount: 3, batchSize: 2, new ColumnBufferPool());
        using var streaming = new StreamingDataset<Item>(source, 4);

        Assert.Throws<NotSupportedException>(() => streaming.WithShard(0, 2));
        Assert.Throws<NotSupportedException>(() => streaming.TotalRows);
    }

    [Fact]
    public void Without_shards_every_row_is_counted_ahead()
    {
        using MemorySource<Item> source = UnevenSource();
        using var streaming = new StreamingDataset<Item>(source, 4);

        Assert.Equal(UnitSizes.Sum(), streaming.TotalRows);
    }

    private static MemorySource<Item> UnevenSource() => TestData.UnevenSource(UnitSizes);

    private static StreamingDataset<Item> Dataset(IBatchSource<Item> source, int? seed, int epoch, int rank, int world)
    {
        var streaming = new StreamingDataset<Item>(source, 4).WithShard(rank, world).WithEpoch(epoch);
        return seed is { } s ? streaming.WithShuffle(s) : streaming;
    }

    private static int[] Read(IBatchSource<Item> source, int? seed, int epoch, int rank, int world)
    {
        using StreamingDataset<Item> streaming = Dataset(source, seed, epoch, rank, world);
        return streaming.Rows().Select(item => item.Id).ToArray();
    }
}
