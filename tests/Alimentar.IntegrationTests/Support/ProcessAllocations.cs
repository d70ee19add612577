namespace Alimentar.IntegrationTests;

/// <summary>
/// What the whole process allocates while work runs, on every thread: for work that spreads over the thread pool
/// (a writer's columns, a reader's prefetch). Tests that use it run alone (<see cref="ProcessWideCountersCollection"/>)
/// and take the least of a few runs, so a stray allocation elsewhere cannot fail them.
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
}
