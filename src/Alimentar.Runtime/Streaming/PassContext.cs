namespace Alimentar.Streaming;

/// <summary>
/// The pass a pump is producing for, visible through the async flow to the sources it reads (set by the pump's
/// producer; see docs/architecture.md, "Decided"). Its presence says the reads are already off the consumer's
/// thread, so a source decodes on the thread it is read from rather than start a second pump; its
/// <see cref="Memory"/> is where a source counts what it holds beyond the batches it yields (page buffers,
/// dictionaries, bytes fetched ahead), in the dataset's <c>CurrentMemory</c> and <c>PeakMemory</c>.
/// </summary>
internal sealed class PassContext(MemoryTracker? memory)
{
    private static readonly AsyncLocal<PassContext?> Pass = new();

    /// <summary>The pass of the pump whose producer is running here; null outside any pump.</summary>
    public static PassContext? Current
    {
        get => Pass.Value;
        set => Pass.Value = value;
    }

    /// <summary>Where the pass counts memory; null when it is not tracked.</summary>
    public MemoryTracker? Memory { get; } = memory;
}
