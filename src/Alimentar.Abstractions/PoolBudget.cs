namespace Alimentar;

/// <summary>The bytes that pools sharing this budget may keep between them, and how many they keep now.</summary>
internal sealed class PoolBudget(long limitBytes)
{
    private long _keptBytes;

    /// <summary>
    /// The budget of the column pools: a quarter of the memory the process may use, so that what they keep after a wide
    /// pass can never be what pushes the process out of its container, and the rest goes to the collector as before.
    /// </summary>
    public static PoolBudget ColumnArrays { get; } = new(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    /// <summary>The most the pools may keep.</summary>
    public long LimitBytes { get; } = limitBytes;

    /// <summary>What the pools keep now.</summary>
    public long KeptBytes => Interlocked.Read(ref _keptBytes);

    /// <summary>Counts <paramref name="bytes"/> as kept, unless that would pass the limit.</summary>
    /// <param name="bytes">The bytes a pool is about to keep.</param>
    /// <returns>Whether the pool may keep them.</returns>
    public bool TryReserve(long bytes)
    {
        long kept = Interlocked.Add(ref _keptBytes, bytes);
        if (kept <= LimitBytes)
        {
            return true;
        }

        Interlocked.Add(ref _keptBytes, -bytes);
        return false;
    }

    /// <summary>Counts <paramref name="bytes"/> a pool kept as given back, to a renter or to the collector.</summary>
    /// <param name="bytes">The bytes no longer kept.</param>
    public void Release(long bytes) => Interlocked.Add(ref _keptBytes, -bytes);
}
