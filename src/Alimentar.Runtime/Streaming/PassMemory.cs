namespace Alimentar.Streaming;

/// <summary>
/// The memory tracker of the pass a producer is running, visible to the sources it reads through the
/// async flow: so a source can count what it holds beyond the batches it yields (batches decoded ahead,
/// page buffers, dictionaries) in the dataset's <c>CurrentMemory</c> and <c>PeakMemory</c>.
/// </summary>
internal static class PassMemory
{
    private static readonly AsyncLocal<MemoryTracker?> Tracker = new();

    public static MemoryTracker? Current
    {
        get => Tracker.Value;
        set => Tracker.Value = value;
    }
}
