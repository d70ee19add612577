namespace Alimentar.Parquet.Reading.Codecs;

/// <summary>
/// Codec contexts (a ZSTD stream's tables and window, in native memory) shared by every column of a process, each
/// taken for one page. A context per column cost a wide table its width in contexts: 1,000 ZSTD columns held about
/// 350 MB of decompression contexts while read and 480 MB of compression contexts while written, where only as many
/// pages are ever in flight as there are threads decoding them.
/// </summary>
/// <remarks>
/// At most <see cref="MostKept"/> idle contexts are kept; a context returned past that is freed. Like the column
/// arrays' pool, the pool frees at gen 2 collections the contexts nobody took since the previous trim, and all of them
/// under high memory load, so a process that stops reading ZSTD keeps none for long.
/// </remarks>
/// <typeparam name="TContext">The context.</typeparam>
internal sealed class CodecContextPool<TContext> : ITrimmable
    where TContext : class, IDisposable
{
    private readonly Func<TContext> _create;
    private readonly IdleStack<TContext> _idle = new();
    private readonly TrimSchedule _schedule;
    private long _created;

    /// <summary>Creates a pool.</summary>
    /// <param name="create">Makes a context when none is idle.</param>
    /// <param name="trimAtFullCollections">Whether gen 2 collections trim the pool; tests that choose the moment call <see cref="Trim"/>.</param>
    /// <param name="idleBeforeTrim">How long since the previous trim a trim waits for; the column arrays' pool's by default.</param>
    public CodecContextPool(Func<TContext> create, bool trimAtFullCollections = true, TimeSpan? idleBeforeTrim = null)
    {
        _create = create;
        _schedule = new TrimSchedule(idleBeforeTrim ?? TrimmingArrayPool<byte>.IdleBeforeTrim);
        if (trimAtFullCollections)
        {
            FullCollectionCallback.Register(this);
        }
    }

    /// <summary>The most idle contexts kept: twice the processors, as more pages than that are seldom decoded at once.</summary>
    public static int MostKept { get; } = 2 * Environment.ProcessorCount;

    /// <summary>The idle contexts kept now.</summary>
    public int Idle => _idle.Count;

    /// <summary>The contexts made so far.</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>An idle context, or a new one; give it back with <see cref="Return"/> when its page is done.</summary>
    public TContext Rent()
    {
        if (_idle.TryPop(out TContext? context))
        {
            return context;
        }

        context = _create();
        Interlocked.Increment(ref _created);
        return context;
    }

    /// <summary>Keeps <paramref name="context"/> for the next page, or frees it when enough are kept.</summary>
    public void Return(TContext context)
    {
        if (!_idle.TryPush(context, MostKept))
        {
            context.Dispose();
        }
    }

    /// <inheritdoc />
    public int Trim(bool all = false) => _schedule.TryStart(all) ? _idle.DropIdle(all, static context => context.Dispose()) : 0;
}
