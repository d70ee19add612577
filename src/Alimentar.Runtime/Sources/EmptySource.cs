namespace Alimentar;

/// <summary>
/// A source of no rows: what a Delta table reads as at a version with no data file (just created, or emptied by a
/// delete). It has no units, so sharding, shuffling and resuming plan over nothing and a pass ends at once.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
internal sealed class EmptySource<T>(string name) : IUnitSource<T>
    where T : IStreamingRow<T>
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public int BatchRows => 1;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<long>> GetUnitRowCountsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<long>>([]);

    /// <inheritdoc />
    public IAsyncEnumerable<Batch<T>> ReadUnitAsync(int unit, long skip, long take, CancellationToken cancellationToken) =>
        throw new ArgumentOutOfRangeException(nameof(unit), unit, $"{Name} has no rows, so no unit {unit}.");

    /// <inheritdoc />
    public IAsyncEnumerable<Batch<T>> ReadBatchesAsync(CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<Batch<T>>();
}
