namespace Alimentar;

/// <summary>
/// A source whose pass is a sequence of units (a Parquet row group, a batch held in memory, a shard of your own
/// store), each with a row count known before it is read, and which can read any stretch of any unit on its own.
/// That is what sharding, shuffling, resuming, <see cref="StreamingDataset{T}.TotalRows"/> and
/// <see cref="InterleavedSource{T}"/> plan over: implement it on a source of your own and it is sharded, shuffled
/// and resumed exactly like the built-in ones.
/// </summary>
/// <remarks>
/// Units are numbered from 0 in the source's own order, and the same unit must hold the same rows on every read
/// and every rank: the plan is drawn from the counts alone. <see cref="IBatchSource{T}.ReadBatchesAsync"/> reads
/// every unit in order.
/// </remarks>
/// <typeparam name="T">The row type.</typeparam>
public interface IUnitSource<T> : IBatchSource<T>
    where T : IStreamingRow<T>
{
    /// <summary>The input's name, as errors, batch positions and <see cref="StreamingDataset{T}.Skipped"/> show it (a path, a key).</summary>
    string Name { get; }

    /// <summary>The rows per batch this source hands out, which a shuffled pass keeps for the batches it makes.</summary>
    int BatchRows { get; }

    /// <summary>
    /// Whether the source can be read more than once (true unless it is a stream that can be read once):
    /// <see cref="ErrorPolicy.SkipFile"/> reads an input ahead to check it only when it can be read again.
    /// </summary>
    bool CanReadTwice => true;

    /// <summary>The rows of each unit, in the source's own order, from metadata alone.</summary>
    /// <param name="cancellationToken">Stops the reads the counts need.</param>
    /// <returns>One count per unit.</returns>
    ValueTask<IReadOnlyList<long>> GetUnitRowCountsAsync(CancellationToken cancellationToken);

    /// <summary>Rows <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of unit <paramref name="unit"/>, as batches.</summary>
    /// <param name="unit">The unit, from 0.</param>
    /// <param name="skip">Rows of the unit to pass over first.</param>
    /// <param name="take">Rows to hand out.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>Exactly <paramref name="take"/> rows, in the unit's order.</returns>
    IAsyncEnumerable<Batch<T>> ReadUnitAsync(int unit, long skip, long take, CancellationToken cancellationToken);
}
