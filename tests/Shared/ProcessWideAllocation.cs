namespace Alimentar.Testing;

/// <summary>
/// Bounds on what a read allocates across the whole process (its work spreads over the thread pool), for tests that
/// run beside others: a count over the bound may be another test's allocation, so the read is measured once more.
/// </summary>
internal static class ProcessWideAllocation
{
    /// <summary>
    /// <paramref name="measured"/> when under <paramref name="bound"/>; otherwise the lesser of it and what
    /// <paramref name="again"/> allocates. A read that truly costs that much costs it both times; a test beside it
    /// rarely allocates that much twice at the same moments. Whatever <paramref name="again"/> throws is ignored: the
    /// caller judged the read's outcome on its first run.
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
