using System.Runtime.CompilerServices;

namespace Alimentar;

/// <summary>
/// Batches held in memory, replayed on every pass: the seed's <c>MemorySource</c>. Each pass yields new
/// batch views over the same buffers, so a consumer disposing what it reads never empties the source.
/// </summary>
/// <example>
/// <code>
/// using var source = new MemorySource&lt;Trip&gt;(trips, batchSize: 1024);
/// using var streaming = new StreamingDataset&lt;Trip&gt;(source, bufferSize: 16);
/// </code>
/// </example>
/// <typeparam name="T">The row type.</typeparam>
public sealed class MemorySource<T> : IBatchSource<T>, IUnitSource<T>, IDisposable
    where T : IStreamingRow<T>
{
    private readonly Batch<T>[] _batches;

    /// <summary>
    /// Creates a source that replays <paramref name="batches"/>, taking them over: the source owns them from
    /// here on and disposes them when it is disposed, so the caller does not (and must not use them after).
    /// Every pass hands out shares of them, which consumers dispose as usual.
    /// </summary>
    /// <param name="batches">At least one batch.</param>
    /// <exception cref="ArgumentException">There are no batches.</exception>
    public MemorySource(IEnumerable<Batch<T>> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        _batches = batches.Select((batch, index) => TakeOver(batch, index)).ToArray();
        if (_batches.Length == 0)
        {
            throw new ArgumentException("A memory source needs at least one batch.", nameof(batches));
        }
    }

    /// <summary>Creates a source from rows, cut into batches of <paramref name="batchSize"/> rows.</summary>
    /// <param name="rows">At least one row.</param>
    /// <param name="batchSize">Rows per batch (the last may hold fewer).</param>
    /// <param name="pool">Where the column buffers come from; <see cref="ColumnBufferPool.Shared"/> when null.</param>
    /// <exception cref="ArgumentException">There are no rows.</exception>
    public MemorySource(IEnumerable<T> rows, int batchSize, ColumnBufferPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _batches = rows.Chunk(batchSize)
            .Select((chunk, index) => Batch<T>.FromRows(chunk, pool, new BatchPosition(SourceName, index, (long)index * batchSize)))
            .ToArray();
        if (_batches.Length == 0)
        {
            throw new ArgumentException("A memory source needs at least one row.", nameof(rows));
        }
    }

    /// <summary>Moves a caller's batch into the source: a share with the source's position, the caller's reference released.</summary>
    private static Batch<T> TakeOver(Batch<T> batch, int index)
    {
        Batch<T> owned = batch.Share(new BatchPosition(SourceName, index, 0));
        batch.Dispose();
        return owned;
    }

    /// <summary>The name batch positions carry.</summary>
    public static string SourceName => "memory";

    /// <summary>The number of batches each pass yields.</summary>
    public int BatchCount => _batches.Length;

    /// <summary>The number of rows each pass yields.</summary>
    public long RowCount => _batches.Sum(b => (long)b.Count);

    /// <inheritdoc />
    public async IAsyncEnumerable<Batch<T>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (Batch<T> batch in _batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return batch.Share();
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    string IUnitSource<T>.Name => SourceName;

    int IUnitSource<T>.BatchRows => _batches.Max(b => b.Count);

    ValueTask<IReadOnlyList<long>> IUnitSource<T>.GetUnitRowCountsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<long>>(_batches.Select(b => (long)b.Count).ToArray());

    async IAsyncEnumerable<Batch<T>> IUnitSource<T>.ReadUnitAsync(int unit, long skip, long take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Batch<T> batch = _batches[unit];
        yield return batch.Slice((int)skip, (int)take, new BatchPosition(SourceName, unit, skip));
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Releases the source's hold on the batches' buffers.</summary>
    public void Dispose()
    {
        foreach (Batch<T> batch in _batches)
        {
            batch.Dispose();
        }
    }
}
