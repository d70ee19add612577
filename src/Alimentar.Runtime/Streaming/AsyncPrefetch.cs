using System.Collections;
using System.Runtime.CompilerServices;

namespace Alimentar;

/// <summary>
/// Keeps up to <see cref="PrefetchSize"/> batches ready on a background task while you consume them, in
/// order: the seed's <c>AsyncPrefetch</c>. Build it with <see cref="AsyncPrefetchBuilder{T}"/>.
/// Each enumeration restarts the underlying sequence.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class AsyncPrefetch<T> : IEnumerable<Batch<T>>
    where T : IStreamingRow<T>
{
    private readonly Func<CancellationToken, IAsyncEnumerable<Batch<T>>> _batches;

    internal AsyncPrefetch(Func<CancellationToken, IAsyncEnumerable<Batch<T>>> batches, int prefetchSize)
    {
        _batches = batches;
        PrefetchSize = prefetchSize;
    }

    /// <summary>The most batches made ready ahead of the consumer.</summary>
    public int PrefetchSize { get; }

    /// <summary>Enumerates the batches, produced on a background task.</summary>
    /// <returns>An enumerator; dispose it to stop the background task.</returns>
    public IEnumerator<Batch<T>> GetEnumerator()
    {
        using var pump = new BatchPump<T>(_batches, new FlowSettings(PrefetchSize, 0, 0), null, CancellationToken.None);
        while (pump.Read() is { } batch)
        {
            yield return batch;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates the batches asynchronously, produced on a background task.</summary>
    /// <param name="cancellationToken">Stops the background task.</param>
    /// <returns>The batches, in order.</returns>
    public async IAsyncEnumerable<Batch<T>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var pump = new BatchPump<T>(_batches, new FlowSettings(PrefetchSize, 0, 0), null, cancellationToken);
        while (await pump.ReadAsync(cancellationToken).ConfigureAwait(false) is { } batch)
        {
            yield return batch;
        }
    }
}
