namespace Alimentar;

/// <summary>
/// Builds a <see cref="StreamingDataset{T}"/> step by step and checks the settings together:
/// <c>StreamingDataset&lt;T&gt;.Builder().Source(s).BufferSize(32).Build()</c>.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class StreamingDatasetBuilder<T>
    where T : IStreamingRow<T>
{
    private IBatchSource<T>? _source;
    private int _bufferSize = 16;
    private int _backpressure;
    private long _memoryBudget;
    private bool _trackMemory;

    /// <summary>Sets the source (required).</summary>
    /// <param name="source">Where batches come from.</param>
    /// <returns>This builder.</returns>
    public StreamingDatasetBuilder<T> Source(IBatchSource<T> source)
    {
        _source = source;
        return this;
    }

    /// <summary>Sets the most batches buffered ahead (default 16).</summary>
    /// <param name="batches">At least 1.</param>
    /// <returns>This builder.</returns>
    public StreamingDatasetBuilder<T> BufferSize(int batches)
    {
        _bufferSize = batches;
        return this;
    }

    /// <summary>Sets the backpressure limit in batches (see <see cref="StreamingDataset{T}.WithBackpressure"/>).</summary>
    /// <param name="maxPendingBatches">At least 1, and at most the buffer size.</param>
    /// <returns>This builder.</returns>
    public StreamingDatasetBuilder<T> WithBackpressure(int maxPendingBatches)
    {
        _backpressure = maxPendingBatches;
        return this;
    }

    /// <summary>Sets the byte budget (see <see cref="StreamingDataset{T}.WithMemoryBudget"/>).</summary>
    /// <param name="bytes">At least 1.</param>
    /// <returns>This builder.</returns>
    public StreamingDatasetBuilder<T> WithMemoryBudget(long bytes)
    {
        _memoryBudget = bytes;
        return this;
    }

    /// <summary>Turns memory tracking on or off.</summary>
    /// <param name="enabled">True to track.</param>
    /// <returns>This builder.</returns>
    public StreamingDatasetBuilder<T> WithMemoryTracking(bool enabled)
    {
        _trackMemory = enabled;
        return this;
    }

    /// <summary>Checks the settings and creates the dataset.</summary>
    /// <returns>A new dataset.</returns>
    /// <exception cref="InvalidOperationException">No source was set.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative, or backpressure exceeds the buffer.</exception>
    public StreamingDataset<T> Build()
    {
        if (_source is null)
        {
            throw new InvalidOperationException("A streaming dataset needs a source: call Source(...) before Build().");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_bufferSize, "BufferSize");
        ArgumentOutOfRangeException.ThrowIfNegative(_backpressure, "Backpressure");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_backpressure, _bufferSize, "Backpressure");
        ArgumentOutOfRangeException.ThrowIfNegative(_memoryBudget, "MemoryBudget");

        var dataset = new StreamingDataset<T>(_source, _bufferSize).WithMemoryTracking(_trackMemory);
        if (_backpressure > 0)
        {
            dataset.WithBackpressure(_backpressure);
        }

        if (_memoryBudget > 0)
        {
            dataset.WithMemoryBudget(_memoryBudget);
        }

        return dataset;
    }
}
