using System.Runtime.CompilerServices;

namespace Alimentar;

/// <summary>When an <see cref="InterleavedSource{T}"/> ends.</summary>
public enum InterleaveStop
{
    /// <summary>As soon as a source is chosen that has nothing left (the mix keeps its weights to the end).</summary>
    FirstExhausted,

    /// <summary>Once every source is exhausted; the weights of those left are renormalised as sources run out.</summary>
    AllExhausted,
}

/// <summary>
/// Mixes sources by weight, unit by unit (a Parquet row group, a memory batch): each next unit comes from a
/// source drawn with probability proportional to its weight, deterministically from the seed. The mixed
/// order is planned from the sources' metadata, so an interleaved source can itself be sharded, shuffled and
/// resumed like any other.
/// </summary>
/// <example>
/// <code>
/// var mixed = new InterleavedSource&lt;Doc&gt;(seed: 7, (webSource, 0.7), (booksSource, 0.3));
/// </code>
/// </example>
/// <typeparam name="T">The row type.</typeparam>
public sealed class InterleavedSource<T> : IBatchSource<T>, IUnitSource<T>
    where T : IStreamingRow<T>
{
    private readonly (IBatchSource<T> Source, double Weight)[] _sources;
    private (InterleaveStop Stop, IReadOnlyList<(int Source, int Unit)> Order)? _mix;

    /// <summary>Mixes <paramref name="sources"/> by their weights, drawing with <paramref name="seed"/>.</summary>
    /// <param name="seed">The same seed gives the same mix.</param>
    /// <param name="sources">At least one source, each with a positive weight; weights need not add up to 1.</param>
    /// <exception cref="ArgumentException">No source, a null one, a weight that is not positive and finite, or a source that cannot describe its units.</exception>
    public InterleavedSource(int seed, params (IBatchSource<T> Source, double Weight)[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Length == 0)
        {
            throw new ArgumentException("An interleaved source needs at least one source.", nameof(sources));
        }

        for (int i = 0; i < sources.Length; i++)
        {
            if (sources[i].Source is not IUnitSource<T>)
            {
                throw new ArgumentException($"Source {i} ({sources[i].Source?.GetType().Name ?? "null"}) cannot describe its units from metadata; interleave Parquet, Arrow, memory or chained sources, or sources implementing IUnitSource<T>.", nameof(sources));
            }

            if (!double.IsFinite(sources[i].Weight) || sources[i].Weight <= 0)
            {
                throw new ArgumentException($"Source {i} has weight {sources[i].Weight}; weights must be positive.", nameof(sources));
            }
        }

        Seed = seed;
        _sources = sources.ToArray();
    }

    /// <summary>The seed the mix is drawn with.</summary>
    public int Seed { get; }

    /// <summary>The sources mixed, with their weights.</summary>
    internal IReadOnlyList<(IBatchSource<T> Source, double Weight)> Sources => _sources;

    /// <summary>When the mix ends (default <see cref="InterleaveStop.FirstExhausted"/>).</summary>
    public InterleaveStop Stop { get; private set; }

    /// <summary>Sets when the mix ends.</summary>
    /// <param name="stop">The stop rule.</param>
    /// <returns>This source.</returns>
    public InterleavedSource<T> StopWhen(InterleaveStop stop)
    {
        Stop = stop;
        return this;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Batch<T>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IReadOnlyList<(int Source, int Unit)> order = await MixAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<long>[] counts = await CountsAsync(cancellationToken).ConfigureAwait(false);
        foreach ((int source, int unit) in order)
        {
            await foreach (Batch<T> batch in Units(source).ReadUnitAsync(unit, 0, counts[source][unit], cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    string IUnitSource<T>.Name => $"an interleave of {_sources.Length} sources";

    int IUnitSource<T>.BatchRows => Enumerable.Range(0, _sources.Length).Max(i => Units(i).BatchRows);

    async ValueTask<IReadOnlyList<long>> IUnitSource<T>.GetUnitRowCountsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<(int Source, int Unit)> order = await MixAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<long>[] counts = await CountsAsync(cancellationToken).ConfigureAwait(false);
        return order.Select(o => counts[o.Source][o.Unit]).ToArray();
    }

    async IAsyncEnumerable<Batch<T>> IUnitSource<T>.ReadUnitAsync(int unit, long skip, long take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        (int source, int sourceUnit) = (await MixAsync(cancellationToken).ConfigureAwait(false))[unit];
        await foreach (Batch<T> batch in Units(source).ReadUnitAsync(sourceUnit, skip, take, cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>The mixed order of (source, unit): each draw picks a source by weight and takes its next unit.</summary>
    private async ValueTask<IReadOnlyList<(int Source, int Unit)>> MixAsync(CancellationToken cancellationToken)
    {
        // Planned once: reading unit by unit asks for the order again and again.
        if (_mix is { } known && known.Stop == Stop)
        {
            return known.Order;
        }

        IReadOnlyList<long>[] counts = await CountsAsync(cancellationToken).ConfigureAwait(false);
        var next = new int[_sources.Length];
        var live = Enumerable.Range(0, _sources.Length).ToList();
        var random = new SeededRandom(SeededRandom.Mix((ulong)(uint)Seed, 0x1EAFUL));
        var order = new List<(int, int)>();
        while (live.Count > 0)
        {
            double total = live.Sum(i => _sources[i].Weight);
            double draw = random.NextDouble() * total;
            int chosen = live[^1];
            foreach (int candidate in live)
            {
                draw -= _sources[candidate].Weight;
                if (draw < 0)
                {
                    chosen = candidate;
                    break;
                }
            }

            if (next[chosen] == counts[chosen].Count)
            {
                if (Stop == InterleaveStop.FirstExhausted)
                {
                    break;
                }

                live.Remove(chosen);
                continue;
            }

            order.Add((chosen, next[chosen]++));
        }

        _mix = (Stop, order);
        return order;
    }

    private async ValueTask<IReadOnlyList<long>[]> CountsAsync(CancellationToken cancellationToken)
    {
        var counts = new IReadOnlyList<long>[_sources.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = await Units(i).GetUnitRowCountsAsync(cancellationToken).ConfigureAwait(false);
        }

        return counts;
    }

    private IUnitSource<T> Units(int source) => (IUnitSource<T>)_sources[source].Source;
}
