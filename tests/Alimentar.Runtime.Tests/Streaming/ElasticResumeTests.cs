namespace Alimentar.Runtime.Tests;

/// <summary>
/// Elastic resume: N ranks stopped at any rows resume on M ranks (fewer or more), and across both runs every row of
/// the epoch is delivered exactly once: the rest of each old rank's order, laid end to end by rank, shared out in
/// contiguous parts. Checked against the uninterrupted N-rank epoch, row by row and in order.
/// </summary>
public sealed class ElasticResumeTests
{
    private static readonly int[] UnitSizes = [7, 1, 13, 4, 9, 2, 20, 5, 3, 11, 6, 17];

    [Theory]
    [InlineData(4, 3, null, 0, false)]
    [InlineData(4, 6, null, 0, true)]
    [InlineData(4, 3, 42, 1, false)]
    [InlineData(4, 6, 42, 10, false)]
    [InlineData(4, 3, 7, 10, true)]
    [InlineData(4, 6, 7, 0, true)]
    [InlineData(3, 1, 5, 10, false)]
    public void Ranks_stopped_anywhere_resume_on_another_world_size_delivering_each_row_of_the_epoch_once(int from, int to, int? seed, int window, bool pad)
    {
        using MemorySource<Item> source = TestData.UnevenSource(UnitSizes);
        var random = new Random((from * 10) + to + (seed ?? 0));
        for (int trial = 0; trial < 6; trial++)
        {
            Run original = Stop(() => source, from, seed, window, pad, random, trial);
            List<int[]> resumed = ResumeAll(() => source, original.States, to, seed, window, pad, out long[] announced);

            AssertExactlyOnce(original, resumed);
            Assert.Equal(resumed.Select(r => (long)r.Length), announced);
        }
    }

    [Fact]
    public void An_elastically_resumed_run_can_itself_stop_and_resume_on_a_third_world_size_or_rank_by_rank()
    {
        using MemorySource<Item> source = TestData.UnevenSource(UnitSizes);
        var random = new Random(11);
        Run original = Stop(() => source, 4, seed: 3, window: 10, pad: true, random, trial: 1);

        // Three ranks take over, and stop part way themselves; they drop remainders where the first run padded,
        // which concerns their own later epochs: this one keeps the plan it began with.
        var middleStates = new List<StreamingState>();
        var middleRows = new List<int[]>();
        for (int rank = 0; rank < 3; rank++)
        {
            using StreamingDataset<Item> streaming = Configure(() => source, rank, 3, seed: 3, window: 10, pad: false).ResumeFrom(original.States);
            middleRows.Add(Read(streaming, random.Next(0, (int)streaming.TotalRows + 1), out StreamingState state));
            middleStates.Add(StreamingState.FromBytes(state.ToBytes()));
            Assert.Equal(4, state.EpochWorldSize);
            Assert.True(state.PadRemainder);
            Assert.NotEmpty(state.Ranges);
        }

        // One of them restarts alone from its own state: it goes on exactly where it stopped.
        using (StreamingDataset<Item> alone = Configure(() => source, 1, 3, seed: 3, window: 10, pad: false).ResumeFrom(middleStates[1]))
        using (StreamingDataset<Item> together = Configure(() => source, 1, 3, seed: 3, window: 10, pad: false).ResumeFrom(original.States))
        {
            int[] whole = Read(together, int.MaxValue, out _);
            Assert.Equal(whole, middleRows[1].Concat(Read(alone, int.MaxValue, out _)));
        }

        // Six ranks finish what the three had left.
        List<int[]> last = ResumeAll(() => source, middleStates, 6, seed: 3, window: 10, pad: false, out _);
        int[] delivered = original.Delivered.SelectMany(r => r).Concat(middleRows.SelectMany(r => r)).Concat(last.SelectMany(r => r)).ToArray();
        Assert.Equal(original.Epoch.SelectMany(r => r).Order(), delivered.Order());
    }

    [Fact]
    public void Interleaved_sources_resume_elastically()
    {
        using MemorySource<Item> web = TestData.UnevenSource([9, 14, 3, 8]);
        using MemorySource<Item> books = TestData.UnevenSource([5, 12, 7]);
        Func<IBatchSource<Item>> interleaved = () => new InterleavedSource<Item>(7, (web, 0.7), (books, 0.3));
        var random = new Random(5);
        for (int trial = 0; trial < 4; trial++)
        {
            Run original = Stop(interleaved, 4, seed: 21, window: 8, pad: false, random, trial);
            List<int[]> resumed = ResumeAll(interleaved, original.States, trial % 2 == 0 ? 3 : 6, seed: 21, window: 8, pad: false, out _);
            AssertExactlyOnce(original, resumed);
        }
    }

    [Fact]
    public void States_that_do_not_describe_one_whole_run_are_refused_saying_why()
    {
        using MemorySource<Item> source = TestData.UnevenSource(UnitSizes);
        StreamingState[] states = Enumerable.Range(0, 4).Select(rank => Configure(() => source, rank, 4, seed: 1, window: 0, pad: false).GetState()).ToArray();
        StreamingState otherEpoch = Configure(() => source, 2, 4, seed: 1, window: 0, pad: false).WithEpoch(1).GetState();

        var missing = Assert.Throws<InvalidOperationException>(() => Configure(() => source, 0, 3, seed: 1, window: 0, pad: false).ResumeFrom(states.Take(3)));
        var repeated = Assert.Throws<InvalidOperationException>(() => Configure(() => source, 0, 3, seed: 1, window: 0, pad: false).ResumeFrom([.. states, states[1]]));
        var mixed = Assert.Throws<InvalidOperationException>(() => Configure(() => source, 0, 3, seed: 1, window: 0, pad: false).ResumeFrom([states[0], states[1], otherEpoch, states[3]]));
        var seed = Assert.Throws<InvalidOperationException>(() => Configure(() => source, 0, 3, seed: 2, window: 0, pad: false).ResumeFrom(states));
        var one = Assert.Throws<InvalidOperationException>(() => Configure(() => source, 0, 3, seed: 1, window: 0, pad: false).ResumeFrom(states[0]));

        Assert.Contains("rank 3 missing", missing.Message, StringComparison.Ordinal);
        Assert.Contains("rank 1 repeated", repeated.Message, StringComparison.Ordinal);
        Assert.Contains("rank 2 was taken in another run", mixed.Message, StringComparison.Ordinal);
        Assert.Contains("seed 1 in the states, 2 here", seed.Message, StringComparison.Ordinal);
        Assert.Contains("pass every rank's state to ResumeFrom(states)", one.Message, StringComparison.Ordinal);

        // A damaged elastic state naming rows past a rank's share is refused rather than read short.
        StreamingState elastic = states[0] with { Rank = 0, WorldSize = 3, EpochWorldSize = 4, Ranges = [new EpochRange(1, 20, 1_000)] };
        var damaged = Assert.Throws<InvalidOperationException>(() => Configure(() => source, 0, 3, seed: 1, window: 0, pad: false).ResumeFrom(elastic));
        Assert.Contains("outside the epoch's plan for 4 ranks", damaged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_elastic_state_round_trips_through_its_json()
    {
        using MemorySource<Item> source = TestData.UnevenSource(UnitSizes);
        Run original = Stop(() => source, 4, seed: 9, window: 10, pad: false, new Random(3), trial: 2);
        using StreamingDataset<Item> streaming = Configure(() => source, 2, 3, seed: 9, window: 10, pad: false).ResumeFrom(original.States);
        Read(streaming, 5, out StreamingState state);

        StreamingState read = StreamingState.FromBytes(state.ToBytes());

        Assert.Equal(state, read);
        Assert.Contains("\"ranges\"", state.ToString(), StringComparison.Ordinal);
        Assert.Equal(5, read.RowsConsumed);
    }

    /// <summary>What one run of N ranks was to read (per rank), what each had delivered when it stopped, and its states.</summary>
    private sealed record Run(List<int[]> Epoch, List<int[]> Delivered, List<StreamingState> States);

    /// <summary>Runs N ranks, stopping each at a random row (none, all, or between, by trial), and keeps their checkpoints.</summary>
    private static Run Stop(Func<IBatchSource<Item>> source, int world, int? seed, int window, bool pad, Random random, int trial)
    {
        var epoch = new List<int[]>();
        var delivered = new List<int[]>();
        var states = new List<StreamingState>();
        for (int rank = 0; rank < world; rank++)
        {
            int[] all = Read(Configure(source, rank, world, seed, window, pad), int.MaxValue, out _);
            int stopAt = (trial, rank) switch
            {
                (0, 0) => 0,
                (0, 1) => all.Length,
                _ => random.Next(0, all.Length + 1),
            };
            delivered.Add(Read(Configure(source, rank, world, seed, window, pad), stopAt, out StreamingState state));
            epoch.Add(all);
            states.Add(StreamingState.FromBytes(state.ToBytes()));
        }

        // States come back from storage in any order.
        states.Reverse();
        return new Run(epoch, delivered, states);
    }

    private static List<int[]> ResumeAll(Func<IBatchSource<Item>> source, IReadOnlyList<StreamingState> states, int world, int? seed, int window, bool pad, out long[] announced)
    {
        var rows = new List<int[]>();
        announced = new long[world];
        for (int rank = 0; rank < world; rank++)
        {
            StreamingDataset<Item> streaming = Configure(source, rank, world, seed, window, pad).ResumeFrom(states);
            announced[rank] = streaming.TotalRows;
            rows.Add(Read(streaming, int.MaxValue, out _));
        }

        return rows;
    }

    /// <summary>
    /// The new ranks read, in order, the old ranks' undelivered rows laid end to end by rank, in parts that differ by
    /// at most one row; with what the old ranks delivered, that is the uninterrupted epoch, each row once.
    /// </summary>
    private static void AssertExactlyOnce(Run original, List<int[]> resumed)
    {
        int[] rest = original.Epoch.SelectMany((all, rank) => all.Skip(original.Delivered[rank].Length)).ToArray();
        Assert.Equal(rest, resumed.SelectMany(r => r));
        Assert.InRange(resumed.Max(r => r.Length) - resumed.Min(r => r.Length), 0, 1);
        for (int rank = 0; rank < original.Epoch.Count; rank++)
        {
            Assert.Equal(original.Epoch[rank].Take(original.Delivered[rank].Length), original.Delivered[rank]);
        }
    }

    private static StreamingDataset<Item> Configure(Func<IBatchSource<Item>> source, int rank, int world, int? seed, int window, bool pad)
    {
        var streaming = new StreamingDataset<Item>(source(), 4)
            .WithShard(new ShardPlan(rank, world) { Remainder = pad ? ShardRemainder.Pad : ShardRemainder.Drop })
            .WithEpoch(2);
        return seed is not { } s ? streaming : window > 0 ? streaming.WithShuffle(s, window, lanes: 3) : streaming.WithShuffle(s);
    }

    private static int[] Read(StreamingDataset<Item> streaming, int rows, out StreamingState state) =>
        Testing.Resumption.Read(streaming, rows, item => item.Id, out state);
}
