namespace Alimentar.Abstractions.Tests;

public sealed class TrimmingObjectPoolTests
{
    [Fact]
    public void A_returned_object_serves_the_next_renter_instead_of_a_new_one()
    {
        var pool = Pool();
        Context first = pool.Rent();
        pool.Return(first);

        Assert.Same(first, pool.Rent());
        Assert.Equal(1, pool.Created);
        Assert.False(first.Freed);
    }

    [Fact]
    public void Objects_in_use_at_once_are_made_as_needed_and_kept_up_to_the_limit_and_the_rest_freed_at_once()
    {
        var pool = Pool(mostKept: 4);
        Context[] inUse = [.. Enumerable.Range(0, 7).Select(_ => pool.Rent())];
        foreach (Context context in inUse)
        {
            pool.Return(context);
        }

        Assert.Equal(7, pool.Created);
        Assert.Equal(4, pool.Idle);
        Assert.Equal(3, inUse.Count(context => context.Freed));
    }

    [Fact]
    public void Without_a_limit_every_object_in_use_at_once_is_kept()
    {
        var pool = Pool();
        Context[] inUse = [.. Enumerable.Range(0, 5_000).Select(_ => pool.Rent())];
        foreach (Context context in inUse)
        {
            pool.Return(context);
        }

        Assert.Equal(5_000, pool.Idle);
        Assert.DoesNotContain(inUse, context => context.Freed);
    }

    [Fact]
    public void A_trim_frees_the_objects_nobody_took_since_the_previous_trim()
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
        Assert.False(busy.Freed);
        Assert.Equal(2, contexts.Count(context => context.Freed));
    }

    [Fact]
    public void A_trim_under_memory_pressure_frees_every_idle_object()
    {
        var pool = Pool();
        Context context = pool.Rent();
        pool.Return(context);

        Assert.Equal(1, pool.Trim(all: true));
        Assert.True(context.Freed);
        Assert.NotSame(context, pool.Rent());
    }

    [Fact]
    public void A_trim_sooner_than_the_idle_time_after_the_previous_one_frees_nothing()
    {
        var pool = new TrimmingObjectPool<Context>(() => new Context(), static context => context.Free(), trimAtFullCollections: false, idleBeforeTrim: TimeSpan.FromHours(1));
        Context context = pool.Rent();
        pool.Return(context);

        Assert.Equal(0, pool.Trim());
        Assert.Equal(0, pool.Trim());
        Assert.False(context.Freed);
    }

    [Fact]
    public void Full_collections_trim_a_pool_that_asks_for_it()
    {
        var pool = new TrimmingObjectPool<Context>(() => new Context(), static context => context.Free(), idleBeforeTrim: TimeSpan.Zero);
        Context context = pool.Rent();
        pool.Return(context);

        // The first full collection promotes the callback to gen 2; a later one finalizes it and trims the pool.
        for (int i = 0; i < 10 && !context.Freed; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.True(context.Freed);
        Assert.Equal(0, pool.Idle);
    }

    private static TrimmingObjectPool<Context> Pool(int mostKept = int.MaxValue) =>
        new(() => new Context(), static context => context.Free(), mostKept, trimAtFullCollections: false, idleBeforeTrim: TimeSpan.Zero);

    private sealed class Context
    {
        public bool Freed { get; private set; }

        public void Free() => Freed = true;
    }
}
