namespace Alimentar.Abstractions.Tests;

public sealed class TrimmingArrayPoolTests
{
    private const int MaxLength = 1 << 16;

    [Fact]
    public void Arrays_come_in_power_of_two_lengths_and_a_returned_one_is_rented_again()
    {
        var pool = Pool();
        long[] array = pool.Rent(100);

        Assert.Equal(128, array.Length);
        Assert.Equal(16, pool.Rent(1).Length);
        Assert.Empty(pool.Rent(0));

        pool.Return(array);

        Assert.Same(array, pool.Rent(65));
    }

    [Fact]
    public void Every_array_in_use_at_once_is_kept_however_many_a_wide_row_needs()
    {
        // A fixed count per size (512 before) made a table of thousands of columns allocate its arrays afresh each batch.
        var pool = Pool();
        long[][] inUse = [.. Enumerable.Range(0, 5_000).Select(_ => pool.Rent(1_024))];
        foreach (long[] array in inUse)
        {
            pool.Return(array);
        }

        Assert.Equal(5_000, pool.RetainedArrays);
        var again = new HashSet<long[]>(Enumerable.Range(0, 5_000).Select(_ => pool.Rent(1_024)), ReferenceEqualityComparer.Instance);
        Assert.True(again.SetEquals(inUse));
    }

    [Fact]
    public void A_trim_drops_the_arrays_nobody_rented_since_the_previous_trim_and_keeps_those_in_use()
    {
        var pool = Pool();
        ReturnNew(pool, 10, 1_024);

        Assert.Equal(0, pool.Trim());

        // Three of the ten are taken and given back between trims: the seven never taken are idle.
        long[][] taken = [pool.Rent(1_024), pool.Rent(1_024), pool.Rent(1_024)];
        foreach (long[] array in taken)
        {
            pool.Return(array);
        }

        Assert.Equal(7, pool.Trim());
        Assert.Equal(3, pool.RetainedArrays);
        Assert.Contains(pool.Rent(1_024), taken);
    }

    [Fact]
    public void A_trim_under_memory_pressure_drops_every_array()
    {
        var pool = Pool();
        ReturnNew(pool, 4, 16);
        ReturnNew(pool, 4, 4_096);

        Assert.Equal(8, pool.Trim(all: true));
        Assert.Equal(0, pool.RetainedArrays);
    }

    [Fact]
    public void A_trim_sooner_than_the_idle_time_after_the_previous_one_drops_nothing()
    {
        var pool = new TrimmingArrayPool<long>(MaxLength, new PoolBudget(long.MaxValue), TimeSpan.FromHours(1), trimAtFullCollections: false);
        ReturnNew(pool, 4, 16);

        Assert.Equal(0, pool.Trim());
        Assert.Equal(0, pool.Trim());
        Assert.Equal(4, pool.RetainedArrays);
    }

    [Fact]
    public void Past_the_shared_budget_returned_arrays_go_to_the_collector_and_renting_gives_budget_back()
    {
        // Room for two arrays of 1,024 longs between two pools: the third returned is dropped, whichever pool takes it.
        var budget = new PoolBudget(2 * ((1_024 * sizeof(long)) + (3 * IntPtr.Size)));
        var first = Pool(budget);
        var second = Pool(budget);
        ReturnNew(first, 1, 1_024);
        ReturnNew(second, 2, 1_024);

        Assert.Equal(1, first.RetainedArrays);
        Assert.Equal(1, second.RetainedArrays);
        Assert.Equal(budget.LimitBytes, budget.KeptBytes);

        _ = first.Rent(1_024);
        second.Return(new long[1_024]);
        Assert.Equal(2, second.RetainedArrays);

        second.Trim(all: true);
        Assert.Equal(0, budget.KeptBytes);
    }

    [Fact]
    public void Arrays_longer_than_the_longest_pooled_are_allocated_as_asked_and_not_kept()
    {
        var pool = Pool();
        long[] large = pool.Rent(MaxLength + 1);

        Assert.Equal(MaxLength + 1, large.Length);
        pool.Return(large);
        Assert.Equal(0, pool.RetainedArrays);
    }

    [Fact]
    public void An_array_of_a_length_the_pool_never_hands_out_is_refused()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Pool().Return(new long[100]));

        Assert.Contains("not rented from this pool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_arrays_are_cleared_when_asked()
    {
        var pool = new TrimmingArrayPool<string?>(MaxLength, new PoolBudget(long.MaxValue), TimeSpan.Zero, trimAtFullCollections: false);
        string?[] array = pool.Rent(16);
        array[3] = "kept alive";

        pool.Return(array, clearArray: true);

        Assert.Null(array[3]);
    }

    [Fact]
    public void Full_collections_trim_a_pool_that_asks_for_it_until_its_idle_arrays_are_gone()
    {
        var pool = new TrimmingArrayPool<long>(MaxLength, new PoolBudget(long.MaxValue), TimeSpan.Zero);
        ReturnNew(pool, 6, 2_048);

        // The first collection marks the arrays as not rented since; a later one drops them.
        for (int collections = 0; collections < 10 && pool.RetainedArrays > 0; collections++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal(0, pool.RetainedArrays);
    }

    [Fact]
    public async Task Renters_on_many_threads_never_share_an_array_while_trims_run_and_the_budget_counts_what_is_kept()
    {
        var budget = new PoolBudget(long.MaxValue);
        var pool = Pool(budget);
        var inUse = new System.Collections.Concurrent.ConcurrentDictionary<long[], bool>(ReferenceEqualityComparer.Instance);
        int shared = 0;
        using var done = new CancellationTokenSource();
        Task trimmer = Task.Run(() =>
        {
            for (int i = 0; !done.IsCancellationRequested; i++)
            {
                pool.Trim(all: i % 2 == 0);
            }
        });

        Parallel.For(0, 8, worker =>
        {
            var random = new Random(worker);
            var held = new List<long[]>();
            for (int step = 0; step < 50_000; step++)
            {
                if (held.Count > 0 && random.Next(2) == 0)
                {
                    long[] returned = held[^1];
                    held.RemoveAt(held.Count - 1);
                    inUse.TryRemove(returned, out _);
                    pool.Return(returned);
                }
                else
                {
                    long[] rented = pool.Rent(16 << random.Next(2));
                    if (!inUse.TryAdd(rented, true))
                    {
                        Interlocked.Increment(ref shared);
                    }

                    held.Add(rented);
                }
            }

            foreach (long[] array in held)
            {
                inUse.TryRemove(array, out _);
                pool.Return(array);
            }
        });
        await done.CancelAsync();
        await trimmer;

        Assert.Equal(0, shared);
        Assert.Equal(pool.RetainedArrays > 0, budget.KeptBytes > 0);
        pool.Trim(all: true);
        Assert.Equal(0, pool.RetainedArrays);
        Assert.Equal(0, budget.KeptBytes);
    }

    private static TrimmingArrayPool<long> Pool(PoolBudget? budget = null) =>
        new(MaxLength, budget ?? new PoolBudget(long.MaxValue), TimeSpan.Zero, trimAtFullCollections: false);

    private static void ReturnNew(TrimmingArrayPool<long> pool, int count, int length)
    {
        long[][] arrays = [.. Enumerable.Range(0, count).Select(_ => pool.Rent(length))];
        foreach (long[] array in arrays)
        {
            pool.Return(array);
        }
    }
}
