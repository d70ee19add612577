using System.Collections;
using System.Runtime.CompilerServices;

namespace Alimentar;

/// <summary>
/// Streams batches of <typeparamref name="T"/> from a source with constant memory: a background producer
/// reads ahead into a bounded buffer while you enumerate. The seed's <c>StreamingDataset</c>.
/// </summary>
/// <remarks>
/// <para>Enumerate with <c>foreach</c> or LINQ (this is an <see cref="IEnumerable{T}"/> of batches), with
/// <see cref="ReadAllAsync"/> for <c>await foreach</c>, or row by row with <see cref="Rows"/>. Each
/// enumeration is a pass from the beginning; one pass runs at a time.</para>
/// <para>Memory: at most <see cref="BufferSize"/> batches wait ahead of the consumer (fewer with
/// <see cref="WithBackpressure"/> or <see cref="WithMemoryBudget"/>), plus the one the consumer holds.</para>
/// </remarks>
/// <example>
/// <code>
/// var source = new ParquetSource&lt;Trip&gt;("trips.parquet").BatchSize(1024);
/// using var streaming = new StreamingDataset&lt;Trip&gt;(source, bufferSize: 16)
///     .WithBackpressure(8)
///     .WithMemoryTracking(true);
/// foreach (Batch&lt;Trip&gt; batch in streaming)
/// {
///     ReadOnlySpan&lt;float&gt; scores = batch.Score;
/// }
/// Console.WriteLine($"Peak memory: {streaming.PeakMemory} bytes");
/// </code>
/// </example>
/// <typeparam name="T">The row type.</typeparam>
public sealed partial class StreamingDataset<T> : IEnumerable<Batch<T>>, IDisposable
    where T : IStreamingRow<T>
{
    private readonly object _passGate = new();
    private readonly MemoryTracker _tracker = new();
    private BatchPump<T>? _pump;
    private object? _reader;
    private bool _trackMemory;
    private int _backpressure;
    private long _memoryBudget;
    private bool _disposed;

    /// <summary>Streams <paramref name="source"/>, buffering up to <paramref name="bufferSize"/> batches ahead.</summary>
    /// <param name="source">Where batches come from; read from the beginning on every pass.</param>
    /// <param name="bufferSize">The most batches buffered ahead of the consumer; at least 1.</param>
    public StreamingDataset(IBatchSource<T> source, int bufferSize = 16)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferSize);
        Source = source;
        BufferSize = bufferSize;
    }

    /// <summary>The source of every pass.</summary>
    public IBatchSource<T> Source { get; }

    /// <summary>The most batches buffered ahead of the consumer.</summary>
    public int BufferSize { get; }

    /// <summary>The backpressure limit in batches, set by <see cref="WithBackpressure(int)"/>; 0 when off.</summary>
    public int Backpressure => _backpressure;

    /// <summary>The backpressure limit in batches (<see cref="Backpressure"/>).</summary>
    [Obsolete("Use Backpressure, named as the WithBackpressure call that sets it.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public int BackpressureLimit => _backpressure;

    /// <summary>The byte budget for buffered batches; 0 when off.</summary>
    public long MemoryBudget => _memoryBudget;

    /// <summary>Whether <see cref="CurrentMemory"/> and <see cref="PeakMemory"/> are kept, set by <see cref="WithMemoryTracking(bool)"/>.</summary>
    public bool MemoryTracking => _trackMemory;

    /// <summary>Whether memory is tracked (<see cref="MemoryTracking"/>).</summary>
    [Obsolete("Use MemoryTracking, named as the WithMemoryTracking call that sets it.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public bool IsMemoryTracking => _trackMemory;

    /// <summary>Bytes of the batches buffered now plus the one the consumer holds (0 unless tracking).</summary>
    public long CurrentMemory => _tracker.Current;

    /// <summary>The most bytes <see cref="CurrentMemory"/> has reached over the dataset's life (0 unless tracking).</summary>
    public long PeakMemory => _tracker.Peak;

    /// <summary>Creates a builder: <c>StreamingDataset&lt;T&gt;.Builder().Source(s).BufferSize(32).Build()</c>.</summary>
    /// <returns>A new builder.</returns>
    public static StreamingDatasetBuilder<T> Builder() => new();

    /// <summary>
    /// Pauses the producer once <paramref name="maxPendingBatches"/> batches wait unread, and resumes it
    /// when they drop to half that.
    /// </summary>
    /// <param name="maxPendingBatches">At least 1.</param>
    /// <returns>This dataset.</returns>
    public StreamingDataset<T> WithBackpressure(int maxPendingBatches)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPendingBatches);
        ThrowIfPassRunning();
        _backpressure = maxPendingBatches;
        return this;
    }

    /// <summary>
    /// Pauses the producer while the bytes of buffered batches plus the held one reach <paramref name="bytes"/>.
    /// Tracked memory then stays below the budget plus one batch.
    /// </summary>
    /// <param name="bytes">At least 1.</param>
    /// <returns>This dataset.</returns>
    public StreamingDataset<T> WithMemoryBudget(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        ThrowIfPassRunning();
        _memoryBudget = bytes;
        return this;
    }

    /// <summary>Keeps <see cref="CurrentMemory"/> and <see cref="PeakMemory"/>.</summary>
    /// <param name="enabled">True to track.</param>
    /// <returns>This dataset.</returns>
    public StreamingDataset<T> WithMemoryTracking(bool enabled)
    {
        ThrowIfPassRunning();
        _trackMemory = enabled;
        return this;
    }

    /// <summary>
    /// Ends the current pass: the producer stops and buffered batches are released. The next read (by a
    /// running enumeration or a new one) starts again from the beginning.
    /// </summary>
    public void Reset()
    {
        BatchPump<T>? pump;
        lock (_passGate)
        {
            pump = _pump;
            _pump = null;
            BeginConsuming();
        }

        pump?.Dispose();
    }

    /// <summary>Enumerates the batches of a new pass on this thread.</summary>
    /// <returns>An enumerator; dispose it to end the pass early.</returns>
    /// <exception cref="InvalidOperationException">Another enumeration of this dataset is running.</exception>
    public IEnumerator<Batch<T>> GetEnumerator()
    {
        return new PassEnumerator(this, BeginPass());
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates the batches of a new pass asynchronously.</summary>
    /// <param name="cancellationToken">Stops the pass; the producer stops too.</param>
    /// <returns>The batches, in order.</returns>
    public async IAsyncEnumerable<Batch<T>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        object reader = BeginPass();
        try
        {
            while (await NextAsync(reader, cancellationToken).ConfigureAwait(false) is { } batch)
            {
                yield return batch;
                batch.ConsumerMovedOn();
            }
        }
        finally
        {
            await EndPassAsync(reader).ConfigureAwait(false);
        }
    }

    /// <summary>Enumerates the rows of a new pass asynchronously, disposing each batch once its rows are read.</summary>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <returns>The rows, in order.</returns>
    public async IAsyncEnumerable<T> RowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (Batch<T> batch in ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                Unconsume(batch.Count);
                for (int i = 0; i < batch.Count; i++)
                {
                    Consume(1);
                    yield return batch[i];
                }
            }
        }
    }

    /// <summary>Stops any running pass and releases what it buffered.</summary>
    public void Dispose()
    {
        lock (_passGate)
        {
            _disposed = true;
        }

        Reset();
    }

    private object BeginPass()
    {
        lock (_passGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_reader is not null)
            {
                throw new InvalidOperationException(
                    "This dataset is already being enumerated; one pass runs at a time. Finish or dispose the other enumeration first, or create a second dataset over the same source.");
            }

            _reader = new object();
            BeginConsuming();
            return _reader;
        }
    }

    private Batch<T>? Next(object reader)
    {
        while (true)
        {
            BatchPump<T> pump = PumpFor(reader, CancellationToken.None);
            try
            {
                return Delivered(pump.Read());
            }
            catch (OperationCanceledException) when (Stopped(pump))
            {
                // Another thread reset or disposed the dataset while this read waited: read on as the pass now stands.
            }
        }
    }

    private async ValueTask<Batch<T>?> NextAsync(object reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            BatchPump<T> pump = PumpFor(reader, cancellationToken);
            try
            {
                return Delivered(await pump.ReadAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && Stopped(pump))
            {
                // As in Next.
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="pump"/> was stopped by a reset or by disposing the dataset rather than by its reader's
    /// cancellation: the read it was waiting in then ends in the producer's cancellation, which the reader never asked
    /// for. Read again, the reader gets what the dataset now says: the new pass's first batch after a reset, an
    /// <see cref="ObjectDisposedException"/> after disposal, and the end of its enumeration when that was ended.
    /// </summary>
    private bool Stopped(BatchPump<T> pump)
    {
        lock (_passGate)
        {
            return !ReferenceEquals(_pump, pump);
        }
    }

    /// <summary>The running pass's pump, started afresh after a reset.</summary>
    private BatchPump<T> PumpFor(object reader, CancellationToken cancellationToken)
    {
        lock (_passGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!ReferenceEquals(reader, _reader))
            {
                throw new InvalidOperationException("This enumeration has ended.");
            }

            return _pump ??= new BatchPump<T>(
                ReadPassAsync,
                new FlowSettings(BufferSize, _backpressure, _memoryBudget),
                // A budget needs the source's own bytes too, so it gets a tracker even when PeakMemory is not wanted.
                _trackMemory ? _tracker : _memoryBudget > 0 ? new MemoryTracker() : null,
                cancellationToken);
        }
    }

    private void EndPass(object reader)
    {
        DetachPass(reader)?.Dispose();
    }

    private ValueTask EndPassAsync(object reader) => DetachPass(reader)?.DisposeAsync() ?? ValueTask.CompletedTask;

    private BatchPump<T>? DetachPass(object reader)
    {
        lock (_passGate)
        {
            if (!ReferenceEquals(reader, _reader))
            {
                return null;
            }

            BatchPump<T>? pump = _pump;
            _pump = null;
            _reader = null;
            return pump;
        }
    }

    private void ThrowIfPassRunning()
    {
        lock (_passGate)
        {
            if (_reader is not null)
            {
                throw new InvalidOperationException("Settings cannot change while the dataset is being enumerated.");
            }
        }
    }

    /// <summary>
    /// The synchronous view of one pass. A class rather than an iterator so that disposing it ends the
    /// pass even when <see cref="MoveNext"/> was never called.
    /// </summary>
    private sealed class PassEnumerator : IEnumerator<Batch<T>>
    {
        private readonly StreamingDataset<T> _dataset;
        private readonly object _reader;
        private Batch<T>? _current;

        public PassEnumerator(StreamingDataset<T> dataset, object reader)
        {
            _dataset = dataset;
            _reader = reader;
        }

        public Batch<T> Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

        object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            _current?.ConsumerMovedOn();
            _current = _dataset.Next(_reader);
            return _current is not null;
        }

        public void Reset() => _dataset.Reset();

        public void Dispose() => _dataset.EndPass(_reader);
    }
}
