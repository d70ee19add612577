using Alimentar.Parquet.Reading.Codecs;

namespace Alimentar.Runtime.Tests;

public sealed class CodecContextPoolTests
{
    [Fact]
    public void A_returned_context_serves_the_next_page_instead_of_a_new_one()
    {
        var pool = Pool();
        Context first = pool.Rent();
        pool.Return(first);

        Assert.Same(first, pool.Rent());
        Assert.Equal(1, pool.Created);
        Assert.False(first.Disposed);
    }

    [Fact]
    public void Contexts_in_use_at_once_are_made_as_needed_and_all_kept_up_to_the_limit()
    {
        var pool = Pool();
        Context[] inUse = [.. Enumerable.Range(0, CodecContextPool<Context>.MostKept + 3).Select(_ => pool.Rent())];
        foreach (Context context in inUse)
        {
            pool.Return(context);
        }

        // Past the limit a returned context is freed at once: its native memory would otherwise wait for the finalizer.
        Assert.Equal(CodecContextPool<Context>.MostKept + 3, pool.Created);
        Assert.Equal(CodecContextPool<Context>.MostKept, pool.Idle);
        Assert.Equal(3, inUse.Count(context => context.Disposed));
    }

    [Fact]
    public void A_trim_frees_the_contexts_nobody_took_since_the_previous_trim()
    {
        var pool = Pool();
        Context[] contexts = [pool.Rent(), pool.Rent(), pool.Rent()];
        foreach (Context context in contexts)
        {
            pool.Return(context);
        }

        Assert.Equal(0, pool.Trim());

        Context busy = pool.Rent();
        pool.Return(busy);

        Assert.Equal(2, pool.Trim());
        Assert.Equal(1, pool.Idle);
        Assert.False(busy.Disposed);
        Assert.Equal(2, contexts.Count(context => context.Disposed));
    }

    [Fact]
    public void A_trim_under_memory_pressure_frees_every_idle_context()
    {
        var pool = Pool();
        Context context = pool.Rent();
        pool.Return(context);

        Assert.Equal(1, pool.Trim(all: true));
        Assert.True(context.Disposed);
        Assert.NotSame(context, pool.Rent());
    }

    [Fact]
    public void A_trim_sooner_than_the_idle_time_after_the_previous_one_frees_nothing()
    {
        var pool = new CodecContextPool<Context>(() => new Context(), trimAtFullCollections: false, idleBeforeTrim: TimeSpan.FromHours(1));
        Context context = pool.Rent();
        pool.Return(context);

        Assert.Equal(0, pool.Trim());
        Assert.Equal(0, pool.Trim());
        Assert.False(context.Disposed);
    }

    private static CodecContextPool<Context> Pool() => new(() => new Context(), trimAtFullCollections: false, idleBeforeTrim: TimeSpan.Zero);

    private sealed class Context : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
