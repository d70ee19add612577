namespace Alimentar;

/// <summary>
/// A restartable, ordered sequence of batches: every call to <see cref="ReadBatchesAsync"/> starts a
/// new pass from the beginning. Deterministic sources yield identical passes.
/// </summary>
/// <remarks>Each yielded batch belongs to the caller, who disposes it.</remarks>
/// <typeparam name="T">The row type.</typeparam>
public interface IBatchSource<T>
    where T : IStreamingRow<T>
{
    /// <summary>Starts a pass from the beginning.</summary>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The batches, in order.</returns>
    IAsyncEnumerable<Batch<T>> ReadBatchesAsync(CancellationToken cancellationToken = default);
}
