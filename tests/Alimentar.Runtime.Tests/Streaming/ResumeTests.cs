namespace Alimentar.Runtime.Tests;

/// <summary>Exact resume: a state taken at any row, once or twice, continues with exactly the rows an uninterrupted pass would give.</summary>
public sealed class ResumeTests
{
    private static readonly int[] UnitSizes = [7, 1, 13, 4, 9, 2, 20, 5, 3, 11, 6, 17];

    [Theory]
    [InlineData(1, null, 0, 0)]
    [InlineData(3, 42, 1, 0)]
    [InlineData(4, 7, 5, 0)]
    [InlineData(1, 9, 2, 10)]
    [InlineData(2, 13, 0, 7)]
    public void Resuming_at_random_rows_once_and_twice_gives_the_uninterrupted_sequence(int world, int? seed, int epoch, int window)
    {
        Window = window;
        using MemorySource<Item> source = UnevenSource();
        var random = new Random(world * 100 + epoch);
        for (int rank = 0; rank < world; rank++)
        {
            int[] full = Read(Configure(source, seed, epoch, rank, world), int.MaxValue, out _);
            for (int trial = 0; trial < 10; trial++)
            {
                int first = random.Next(0, full.Length + 1);
                int second = random.Next(0, full.Length - first + 1);
                int[] before = Read(Configure(source, seed, epoch, rank, world), first, out StreamingState state);
                byte[] checkpoint = state.ToBytes();

                int[] middle = Read(Configure(source, seed, epoch, rank, world).ResumeFrom(StreamingState.FromBytes(checkpoint)), second, out StreamingState again);
                int[] rest = Read(Configure(source, seed, epoch, rank, world).ResumeFrom(StreamingState.FromBytes(again.ToBytes())), int.MaxValue, out StreamingState end);

                Assert.Equal(full, before.Concat(middle).Concat(rest));
                Assert.Equal(first, state.RowsConsumed);
                Assert.Equal(first + second, again.RowsConsumed);
                Assert.Equal(full.Length, end.RowsConsumed);
            }
        }
    }

    [Fact]
    public void A_state_taken_between_batches_counts_the_rows_of_every_batch_received()
    {
        using MemorySource<Item> source = UnevenSource();
        using StreamingDataset<Item> streaming = Configure(source, seed: 3, epoch: 0, rank: 0, world: 1);
        int received = 0;
        using IEnumerator<Batch<Item>> pass = streaming.GetEnumerator();
        for (int i = 0; i < 4 && pass.MoveNext(); i++)
        {
            received += pass.Current.Count;
            pass.Current.Dispose();
        }

        Assert.Equal(received, streaming.GetState().RowsConsumed);
    }

    [Fact]
    public void A_state_from_another_configuration_is_refused_saying_what_differs()
    {
        using MemorySource<Item> source = UnevenSource();
        StreamingState state = Configure(source, seed: 42, epoch: 1, rank: 0, world: 2).GetState();
        using var other = new MemorySource<Item>(TestData.Items(10), batchSize: 5);

        var seed = Assert.Throws<InvalidOperationException>(() => Configure(source, seed: 43, epoch: 1, rank: 0, world: 2).ResumeFrom(state));
        var world = Assert.Throws<InvalidOperationException>(() => Configure(source, seed: 42, epoch: 1, rank: 0, world: 4).ResumeFrom(state));
        var files = Assert.Throws<InvalidOperationException>(() => Configure(other, seed: 42, epoch: 1, rank: 0, world: 2).ResumeFrom(state));

        Assert.Contains("seed 42 in the state, 43 here", seed.Message, StringComparison.Ordinal);
        Assert.Contains("world size 2 in the state, 4 here", world.Message, StringComparison.Ordinal);
        Assert.Contains("sources", files.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_is_versioned_json_and_other_bytes_are_refused()
    {
        using MemorySource<Item> source = UnevenSource();
        StreamingState state = Configure(source, seed: 9, epoch: 2, rank: 1, world: 3).GetState();

        string json = System.Text.Encoding.UTF8.GetString(state.ToBytes());

        Assert.Contains("\"format\": \"alimentar.streaming-state\"", json, StringComparison.Ordinal);
        Assert.Contains("\"version\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"seed\": 9", json, StringComparison.Ordinal);
        Assert.Equal(state, StreamingState.FromBytes(state.ToBytes()));
        Assert.Throws<FormatException>(() => StreamingState.FromBytes("not json"u8));
        Assert.Throws<FormatException>(() => StreamingState.FromBytes(System.Text.Encoding.UTF8.GetBytes(json.Replace("\"version\": 2", "\"version\": 3", StringComparison.Ordinal))));
    }

    /// <summary>Rows per shuffle window for the theory case running (0: the default); small windows make many.</summary>
    private static int Window { get; set; }

    private static StreamingDataset<Item> Configure(IBatchSource<Item> source, int? seed, int epoch, int rank, int world)
    {
        var streaming = new StreamingDataset<Item>(source, 4).WithShard(rank, world).WithEpoch(epoch);
        return seed is not { } s ? streaming : Window > 0 ? streaming.WithShuffle(s, Window, lanes: 3) : streaming.WithShuffle(s);
    }

    private static int[] Read(StreamingDataset<Item> streaming, int rows, out StreamingState state) =>
        Testing.Resumption.Read(streaming, rows, item => item.Id, out state);

    private static MemorySource<Item> UnevenSource() => TestData.UnevenSource(UnitSizes);
}
