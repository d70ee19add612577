using System.Runtime.CompilerServices;

namespace Alimentar;

/// <content>What a training loop configures: shards across processes, a seeded order per epoch, and the rows a rank will read.</content>
public sealed partial class StreamingDataset<T>
{
    private int? _shuffleSeed;
    private int _epoch;
    private ShardPlan? _shard;

    /// <summary>The seed units are shuffled with, or null when they keep their order.</summary>
    public int? ShuffleSeed => _shuffleSeed;

    /// <summary>The epoch the order is drawn for (0 unless <see cref="WithEpoch"/> says otherwise).</summary>
    public int Epoch => _epoch;

    /// <summary>This process's share of each epoch, or null to read all of it.</summary>
    public ShardPlan? Shard => _shard;

    /// <summary>
    /// The rows a pass will hand this rank in this epoch, known from the sources' metadata before the first
    /// batch: for progress bars and learning-rate schedules.
    /// </summary>
    /// <exception cref="NotSupportedException">The source cannot describe its rows from metadata.</exception>
    public long TotalRows
    {
        get
        {
            IReadOnlyList<long> counts = Units.GetUnitRowCountsAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            ShardPlan shard = _shard ?? new ShardPlan(0, 1);
            return UnitPlan.Create(counts, _shuffleSeed, _epoch, shard.Rank, shard.WorldSize).Rows;
        }
    }

    /// <summary>
    /// Reads the units (Parquet row groups, in-memory batches) in an order drawn from (<paramref name="seed"/>,
    /// epoch): a different order each epoch, the same on every rank and every run. Rows keep their order
    /// within a unit.
    /// </summary>
    /// <param name="seed">Any number; the same seed and epoch give the same order.</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="NotSupportedException">The source cannot describe its units from metadata.</exception>
    public StreamingDataset<T> WithShuffle(int seed)
    {
        _ = Units;
        ThrowIfPassRunning();
        _shuffleSeed = seed;
        return this;
    }

    /// <summary>Reads only rank <paramref name="rank"/>'s share of each epoch (see <see cref="ShardPlan"/>).</summary>
    /// <param name="rank">This process's rank, from 0.</param>
    /// <param name="worldSize">How many processes share each epoch.</param>
    /// <returns>This dataset.</returns>
    public StreamingDataset<T> WithShard(int rank, int worldSize) => WithShard(new ShardPlan(rank, worldSize));

    /// <summary>Reads only the share of each epoch <paramref name="plan"/> names, e.g. <c>ShardPlan.FromEnvironment()</c>.</summary>
    /// <param name="plan">The rank and world size.</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="NotSupportedException">The source cannot describe its units from metadata.</exception>
    public StreamingDataset<T> WithShard(ShardPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _ = Units;
        ThrowIfPassRunning();
        _shard = plan;
        return this;
    }

    /// <summary>Sets the epoch the shuffled order is drawn for; every rank must use the same one.</summary>
    /// <param name="epoch">From 0.</param>
    /// <returns>This dataset.</returns>
    public StreamingDataset<T> WithEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ThrowIfPassRunning();
        _epoch = epoch;
        return this;
    }

    private IUnitSource<T> Units => Source as IUnitSource<T> ?? throw new NotSupportedException(
        $"{Source.GetType().Name} cannot describe its units from metadata, so it cannot be sharded, shuffled or counted ahead; use Parquet, memory or chained sources.");

    /// <summary>A pass: the source as it is, or, once sharded or shuffled, the planned stretches of its units.</summary>
    private IAsyncEnumerable<Batch<T>> ReadPassAsync(CancellationToken cancellationToken) =>
        _shuffleSeed is null && _shard is null ? Source.ReadBatchesAsync(cancellationToken) : ReadPlannedAsync(_shuffleSeed, _epoch, _shard ?? new ShardPlan(0, 1), cancellationToken);

    private async IAsyncEnumerable<Batch<T>> ReadPlannedAsync(int? seed, int epoch, ShardPlan shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IUnitSource<T> units = Units;
        IReadOnlyList<long> counts = await units.GetUnitRowCountsAsync(cancellationToken).ConfigureAwait(false);
        foreach (UnitSegment segment in UnitPlan.Create(counts, seed, epoch, shard.Rank, shard.WorldSize).Segments)
        {
            await foreach (Batch<T> batch in units.ReadUnitAsync(segment.Unit, segment.Skip, segment.Take, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }
}
