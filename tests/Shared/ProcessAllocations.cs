namespace Alimentar.Testing;

/// <summary>
/// What the whole process allocates while work runs, on every thread: for work that spreads over the thread pool
/// (a writer's columns, a reader's prefetch). Such a count also takes in whatever other threads allocate meanwhile, so
/// each bound is measured so that a stray allocation elsewhere cannot fail it: the least of a few runs, for tests that
/// run alone (<c>ProcessWideCountersCollection</c>), or a second reading of a run over its bound, for tests that run
/// beside others.
/// </summary>
internal static class ProcessAllocations
{
    /// <summary>The fewest bytes the process allocated in one of <paramref name="runs"/> runs of <paramref name="work"/>.</summary>
    public static long Least(int runs, Action work) => LeastAsync(runs, () =>
    {
        work();
        return Task.CompletedTask;
    }).GetAwaiter().GetResult();

    /// <summary>The fewest bytes the process allocated in one of <paramref name="runs"/> runs of <paramref name="work"/>.</summary>
    public static async Task<long> LeastAsync(int runs, Func<Task> work)
    {
        long least = long.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            await work();
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        return least;
    }

    /// <summary>
    /// <paramref name="measured"/> when under <paramref name="bound"/>; otherwise the lesser of it and what
    /// <paramref name="again"/> allocates. Work that truly costs that much costs it both times; a test beside it
    /// rarely allocates that much twice at the same moments. Whatever <paramref name="again"/> throws is ignored: the
    /// caller judged the work's outcome on its first run.
    /// </summary>
    public static long Confirmed(long measured, long bound, Action again)
    {
        if (measured < bound)
        {
            return measured;
        }

        long before = GC.GetTotalAllocatedBytes();
        try
        {
            again();
        }
        catch (Exception)
        {
            // Judged on the first run.
        }

        return Math.Min(measured, GC.GetTotalAllocatedBytes() - before);
    }
}
