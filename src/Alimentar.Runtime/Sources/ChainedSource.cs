using System.Runtime.CompilerServices;

namespace Alimentar;

/// <summary>Several sources read one after another, in order; each starts afresh on every pass.</summary>
/// <example><code>var chained = new ChainedSource&lt;Trip&gt;(january, february, march);</code></example>
/// <typeparam name="T">The row type.</typeparam>
public sealed class ChainedSource<T> : IBatchSource<T>, IUnitSource<T>
    where T : IStreamingRow<T>
{
    private readonly IBatchSource<T>[] _sources;

    /// <summary>
    /// Chains <paramref name="sources"/> in the order given. A chain among them is taken as its sources, in its place,
    /// so a chain grown by appending in a loop (<c>chain = new(chain, next)</c>) stays one level deep: nested ten
    /// thousand deep, every batch passed through ten thousand readers and a pass overflowed the stack.
    /// </summary>
    /// <param name="sources">At least one source.</param>
    /// <exception cref="ArgumentException">There are no sources, or one of them is null.</exception>
    public ChainedSource(params IEnumerable<IBatchSource<T>> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources.SelectMany(source => source is ChainedSource<T> chain ? chain._sources : [source])];
        if (_sources.Length == 0)
        {
            throw new ArgumentException("A chained source needs at least one source.", nameof(sources));
        }

        if (Array.IndexOf(_sources, null) is var missing and >= 0)
        {
            throw new ArgumentException($"Source {missing} of the chain is null.", nameof(sources));
        }
    }

    /// <summary>The chained sources, in order, with those of any chain given in its place.</summary>
    public IReadOnlyList<IBatchSource<T>> Sources => _sources;

    /// <inheritdoc />
    public async IAsyncEnumerable<Batch<T>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // While one source streams, the next prepares (fetches its footer, over an object store).
        using var stopPreparing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task preparing = Task.CompletedTask;
        try
        {
            for (int i = 0; i < _sources.Length; i++)
            {
                if (i + 1 < _sources.Length && _sources[i + 1] is IPreparableSource next)
                {
                    preparing = Task.Run(() => next.PrepareAsync(stopPreparing.Token), CancellationToken.None);
                }

                await foreach (Batch<T> batch in _sources[i].ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return batch;
                }

                // What preparing found wrong, the source's own pass reports where it happens.
                await preparing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            await stopPreparing.CancelAsync().ConfigureAwait(false);
            await preparing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    string IUnitSource<T>.Name => $"a chain of {_sources.Length} sources";

    int IUnitSource<T>.BatchRows => _sources.Max(s => UnitsOf(s).BatchRows);

    async ValueTask<IReadOnlyList<long>> IUnitSource<T>.GetUnitRowCountsAsync(CancellationToken cancellationToken)
    {
        var counts = new List<long>();
        foreach (IBatchSource<T> source in _sources)
        {
            counts.AddRange(await UnitsOf(source).GetUnitRowCountsAsync(cancellationToken).ConfigureAwait(false));
        }

        return counts;
    }

    async IAsyncEnumerable<Batch<T>> IUnitSource<T>.ReadUnitAsync(int unit, long skip, long take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Units are numbered across the chain: find the source that holds this one.
        foreach (IBatchSource<T> source in _sources)
        {
            IUnitSource<T> units = UnitsOf(source);
            int count = (await units.GetUnitRowCountsAsync(cancellationToken).ConfigureAwait(false)).Count;
            if (unit < count)
            {
                await foreach (Batch<T> batch in units.ReadUnitAsync(unit, skip, take, cancellationToken).ConfigureAwait(false))
                {
                    yield return batch;
                }

                yield break;
            }

            unit -= count;
        }

        throw new ArgumentOutOfRangeException(nameof(unit));
    }

    private static IUnitSource<T> UnitsOf(IBatchSource<T> source) =>
        source as IUnitSource<T> ?? throw new NotSupportedException(
            $"{source.GetType().Name} does not describe its units from metadata, so a chain holding it cannot be sharded or shuffled; chain Parquet and memory sources.");
}
