namespace Alimentar.Streaming;

/// <summary>How far a producer may run ahead of its consumer.</summary>
/// <param name="Capacity">The most batches buffered ahead.</param>
/// <param name="Backpressure">When this many batches wait, the producer pauses until they drop to half; 0 turns it off.</param>
/// <param name="MemoryBudget">The producer pauses while tracked bytes reach this; 0 turns it off.</param>
/// <param name="IsInner">A pump inside a source (decoding ahead) rather than a dataset's: it reports no metrics of its own,
/// and a batch leaves its memory tracking as soon as it is handed on, since the dataset's pump counts it from there.</param>
internal readonly record struct FlowSettings(int Capacity, int Backpressure, long MemoryBudget, bool IsInner = false)
{
    /// <summary>The buffered count at or below which a paused producer resumes.</summary>
    public int ResumeAt => Backpressure / 2;
}
