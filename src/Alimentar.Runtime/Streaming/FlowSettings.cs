namespace Alimentar.Streaming;

/// <summary>How far a producer may run ahead of its consumer.</summary>
/// <param name="Capacity">The most batches buffered ahead.</param>
/// <param name="Backpressure">When this many batches wait, the producer pauses until they drop to half; 0 turns it off.</param>
/// <param name="MemoryBudget">The producer pauses while tracked bytes reach this; 0 turns it off.</param>
/// <param name="IsInner">A source's own pump (decoding ahead when the source is read directly, outside any dataset): it
/// reports no dataset metrics and marks no pass, so it tracks nothing.</param>
internal readonly record struct FlowSettings(int Capacity, int Backpressure, long MemoryBudget, bool IsInner = false)
{
    /// <summary>The buffered count at or below which a paused producer resumes.</summary>
    public int ResumeAt => Backpressure / 2;
}
