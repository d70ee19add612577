using System.Runtime.CompilerServices;

namespace Alimentar;

/// <summary>
/// Builds an <see cref="AsyncPrefetch{T}"/>:
/// <c>new AsyncPrefetchBuilder&lt;T&gt;(batches).PrefetchSize(4).Build()</c>.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class AsyncPrefetchBuilder<T>
    where T : IStreamingRow<T>
{
    private readonly Func<CancellationToken, IAsyncEnumerable<Batch<T>>> _batches;
    private int _prefetchSize = 4;

    /// <summary>Prefetches from a sequence of batches; its enumeration runs on the background task.</summary>
    /// <param name="batches">The batches; enumerated afresh by every enumeration of the result.</param>
    public AsyncPrefetchBuilder(IEnumerable<Batch<T>> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        _batches = cancellationToken => FromEnumerable(batches, cancellationToken);
    }

    /// <summary>Prefetches from an asynchronous sequence of batches.</summary>
    /// <param name="batches">The batches; enumerated afresh by every enumeration of the result.</param>
    public AsyncPrefetchBuilder(IAsyncEnumerable<Batch<T>> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        // The pump hands its token to GetAsyncEnumerator, which is how an async sequence is cancelled.
        _batches = _ => batches;
    }

    /// <summary>Prefetches from a source, one pass per enumeration.</summary>
    /// <param name="source">The source.</param>
    public AsyncPrefetchBuilder(IBatchSource<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _batches = source.ReadBatchesAsync;
    }

    /// <summary>Sets how many batches are made ready ahead (default 4).</summary>
    /// <param name="batches">At least 1.</param>
    /// <returns>This builder.</returns>
    public AsyncPrefetchBuilder<T> PrefetchSize(int batches)
    {
        _prefetchSize = batches;
        return this;
    }

    /// <summary>Checks the settings and creates the prefetcher.</summary>
    /// <returns>A new prefetcher.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The prefetch size is zero or negative.</exception>
    public AsyncPrefetch<T> Build()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_prefetchSize, "PrefetchSize");
        return new AsyncPrefetch<T>(_batches, _prefetchSize);
    }

    private static async IAsyncEnumerable<Batch<T>> FromEnumerable(IEnumerable<Batch<T>> batches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (Batch<T> batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return batch;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
