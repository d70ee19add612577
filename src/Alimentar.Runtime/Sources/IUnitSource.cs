namespace Alimentar.Sources;

/// <summary>
/// A source whose pass is a sequence of units (a Parquet row group, a batch held in memory), each with a
/// row count known from metadata, and which can read any stretch of any unit on its own: what sharding and
/// shuffling plan over, before a single batch is read.
/// </summary>
internal interface IUnitSource<T>
    where T : IStreamingRow<T>
{
    /// <summary>The rows per batch this source hands out, which a shuffled pass keeps for the batches it makes.</summary>
    int BatchRows { get; }

    /// <summary>The rows of each unit, in the source's own order, from metadata alone.</summary>
    ValueTask<IReadOnlyList<long>> GetUnitRowCountsAsync(CancellationToken cancellationToken);

    /// <summary>Rows <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of unit <paramref name="unit"/>, as batches.</summary>
    IAsyncEnumerable<Batch<T>> ReadUnitAsync(int unit, long skip, long take, CancellationToken cancellationToken);
}
