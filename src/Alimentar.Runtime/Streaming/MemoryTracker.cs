namespace Alimentar.Streaming;

/// <summary>Counts the bytes of live batches (buffered ahead plus the one the consumer holds) and the most ever seen.</summary>
internal sealed class MemoryTracker
{
    private long _current;
    private long _peak;

    public long Current => Interlocked.Read(ref _current);

    public long Peak => Interlocked.Read(ref _peak);

    public void Add(long bytes)
    {
        long now = Interlocked.Add(ref _current, bytes);
        long peak = Interlocked.Read(ref _peak);
        while (now > peak)
        {
            long seen = Interlocked.CompareExchange(ref _peak, now, peak);
            if (seen == peak)
            {
                break;
            }

            peak = seen;
        }
    }

    public void Remove(long bytes) => Interlocked.Add(ref _current, -bytes);
}
