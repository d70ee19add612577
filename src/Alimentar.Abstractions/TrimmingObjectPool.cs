namespace Alimentar;

/// <summary>
/// Objects that are costly to make and that many columns use in turn (codec contexts, a writer's dictionaries), shared
/// by a whole process: one is taken for a piece of work and given back after it. Like the column arrays' pool, it
/// frees at gen 2 collections what nobody took since the previous trim, and everything under high memory load, so a
/// process that stops using them keeps none for long.
/// </summary>
/// <typeparam name="T">What is pooled.</typeparam>
internal sealed class TrimmingObjectPool<T> : ITrimmable
    where T : class
{
    private readonly Func<T> _create;
    private readonly Action<T>? _free;
    private readonly int _mostKept;
    private readonly IdleStack<T> _idle = new();
    private readonly TrimSchedule _schedule;
    private long _created;

    /// <summary>Creates a pool.</summary>
    /// <param name="create">Makes an object when none is idle.</param>
    /// <param name="free">Frees an object the pool lets go (its native memory, say); null when the collector suffices.</param>
    /// <param name="mostKept">The most idle objects kept; one given back past that is freed at once.</param>
    /// <param name="trimAtFullCollections">Whether gen 2 collections trim the pool; tests that choose the moment call <see cref="Trim"/>.</param>
    /// <param name="idleBeforeTrim">How long since the previous trim a trim waits for; the column arrays' pool's by default.</param>
    public TrimmingObjectPool(Func<T> create, Action<T>? free = null, int mostKept = int.MaxValue, bool trimAtFullCollections = true, TimeSpan? idleBeforeTrim = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mostKept);
        _create = create;
        _free = free;
        _mostKept = mostKept;
        _schedule = new TrimSchedule(idleBeforeTrim ?? TrimmingArrayPool<byte>.IdleBeforeTrim);
        if (trimAtFullCollections)
        {
            FullCollectionCallback.Register(this);
        }
    }

    /// <summary>The idle objects kept now.</summary>
    public int Idle => _idle.Count;

    /// <summary>The objects made so far.</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>An idle object, or a new one; give it back with <see cref="Return"/> when its work is done.</summary>
    public T Rent()
    {
        if (_idle.TryPop(out T? item))
        {
            return item;
        }

        item = _create();
        Interlocked.Increment(ref _created);
        return item;
    }

    /// <summary>Keeps <paramref name="item"/> for the next renter, or frees it when enough are kept.</summary>
    public void Return(T item)
    {
        if (!_idle.TryPush(item, _mostKept))
        {
            _free?.Invoke(item);
        }
    }

    /// <inheritdoc />
    public int Trim(bool all = false) => _schedule.TryStart(all) ? _idle.DropIdle(all, _free) : 0;
}
