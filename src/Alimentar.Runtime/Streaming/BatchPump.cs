using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Alimentar.Streaming;

/// <summary>
/// One pass: a producer task pulls batches from a source into a bounded buffer while the consumer takes
/// them out. The producer waits for room before it pulls, so it is never more than the capacity, the
/// backpressure limit or the byte budget ahead. A fault travels to the consumer after every batch that
/// came before it; cancelling or disposing stops the producer and disposes what it buffered.
/// </summary>
internal sealed class BatchPump<T> : IDisposable, IAsyncDisposable
    where T : IStreamingRow<T>
{
    private readonly object _gate = new();
    private readonly Queue<Batch<T>> _buffered = new();
    private readonly FlowSettings _flow;
    private readonly MemoryTracker? _tracker;
    private readonly CancellationTokenSource _stop;
    private readonly Task _producer;
    private TaskCompletionSource? _batchArrived;
    private TaskCompletionSource? _roomFreed;
    private long _bufferedBytes;
    private long _heldBytes;
    private bool _paused;
    private bool _completed;
    private ExceptionDispatchInfo? _fault;
    private int _disposed;

    public BatchPump(Func<CancellationToken, IAsyncEnumerable<Batch<T>>> read, FlowSettings flow, MemoryTracker? tracker, CancellationToken cancellationToken)
    {
        _flow = flow;
        _tracker = tracker;
        TracksBytes = tracker is not null || flow.MemoryBudget > 0 || (!flow.IsInner && AlimentarMetrics.BufferedBytesCounter.Enabled);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _producer = Task.Run(() => ProduceAsync(read, _stop.Token));
    }

    /// <summary>Sizes are added up only when something reads them: tracking, a budget, or a metrics listener at the start of the pass.</summary>
    private bool TracksBytes { get; }

    /// <summary>The next batch, or null at the end of the pass. Rethrows the source's fault as it was thrown.</summary>
    public async ValueTask<Batch<T>?> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ReleaseHeld();
        Batch<T>? batch;
        while (TakeOrWait(out batch) is { } arrival)
        {
            long waitStarted = Stopwatch.GetTimestamp();
            await arrival.WaitAsync(cancellationToken).ConfigureAwait(false);
            RecordConsumerWait(waitStarted);
        }

        return batch;
    }

    /// <summary>The next batch, blocking the calling thread while the producer works.</summary>
    public Batch<T>? Read()
    {
        ReleaseHeld();
        Batch<T>? batch;
        while (TakeOrWait(out batch) is { } arrival)
        {
            long waitStarted = Stopwatch.GetTimestamp();

            // Blocked on directly: the producer's TrySetResult releases a waiting thread itself, where an awaited
            // arrival first resumes on a pool thread, which then releases this one (a hand-over more per batch).
            arrival.Wait();
            RecordConsumerWait(waitStarted);
        }

        return batch;
    }

    /// <summary>
    /// Takes the next batch into <paramref name="batch"/> (null at the end of the pass, or the source's fault
    /// rethrown) and returns null; or, when none is buffered yet, returns the task that completes when one arrives.
    /// </summary>
    private Task? TakeOrWait(out Batch<T>? batch)
    {
        lock (_gate)
        {
            if (_buffered.TryDequeue(out batch))
            {
                OnTaken(batch);
                return null;
            }

            if (_completed)
            {
                _fault?.Throw();
                return null;
            }

            _batchArrived ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _batchArrived.Task;
        }
    }

    private void RecordConsumerWait(long waitStarted)
    {
        if (!_flow.IsInner)
        {
            AlimentarMetrics.ConsumerWaitTime.Record(Stopwatch.GetElapsedTime(waitStarted).TotalSeconds);
        }
    }

    public void Dispose()
    {
        if (BeginDispose())
        {
            // The producer only awaits cancellable waits and the source, which is handed the same token.
            _producer.GetAwaiter().GetResult();
            EndDispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (BeginDispose())
        {
            await _producer.ConfigureAwait(false);
            EndDispose();
        }
    }

    private bool BeginDispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return false;
        }

        _stop.Cancel();
        return true;
    }

    private void EndDispose()
    {
        ReleaseHeld();
        lock (_gate)
        {
            while (_buffered.TryDequeue(out Batch<T>? batch))
            {
                Untrack(batch, ref _bufferedBytes);
                batch.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task ProduceAsync(Func<CancellationToken, IAsyncEnumerable<Batch<T>>> read, CancellationToken stop)
    {
        if (!_flow.IsInner)
        {
            PassContext.Current = new PassContext(_tracker);
        }

        try
        {
            IAsyncEnumerator<Batch<T>> batches = read(stop).GetAsyncEnumerator(stop);
            try
            {
                while (true)
                {
                    await WaitForRoomAsync(stop).ConfigureAwait(false);
                    if (!await batches.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    Enqueue(batches.Current);
                }
            }
            finally
            {
                await batches.DisposeAsync().ConfigureAwait(false);
            }

            Complete(null);
        }
        catch (OperationCanceledException canceled) when (stop.IsCancellationRequested)
        {
            // A cancelled pass is not a finished one: a consumer still reading must not see a clean end.
            Complete(ExceptionDispatchInfo.Capture(canceled));
        }
        catch (Exception error)
        {
            Complete(ExceptionDispatchInfo.Capture(error));
        }
    }

    private async ValueTask WaitForRoomAsync(CancellationToken stop)
    {
        while (true)
        {
            Task waitForRoom;
            lock (_gate)
            {
                if (HasRoom())
                {
                    return;
                }

                _roomFreed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waitForRoom = _roomFreed.Task;
            }

            long waitStarted = Stopwatch.GetTimestamp();
            await waitForRoom.WaitAsync(stop).ConfigureAwait(false);
            if (!_flow.IsInner)
            {
                AlimentarMetrics.ProducerBlockedTime.Record(Stopwatch.GetElapsedTime(waitStarted).TotalSeconds);
            }
        }
    }

    /// <summary>Whether the producer may pull one more batch. Called under the lock.</summary>
    private bool HasRoom()
    {
        if (_buffered.Count >= _flow.Capacity || _paused)
        {
            return false;
        }

        // An empty buffer always has room, so one batch larger than the budget still flows. What the source
        // holds besides its batches (pages, dictionaries, batches decoded ahead) counts when it reports it.
        long used = Math.Max(_bufferedBytes + _heldBytes, _tracker?.Current ?? 0);
        return _flow.MemoryBudget <= 0 || _buffered.Count == 0 && _heldBytes == 0 || used < _flow.MemoryBudget;
    }

    private void Enqueue(Batch<T> batch)
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            if (_disposed != 0)
            {
                batch.Dispose();
                return;
            }

            Track(batch, ref _bufferedBytes);
            _buffered.Enqueue(batch);
            if (!_flow.IsInner)
            {
                AlimentarMetrics.RowCounter.Add(batch.Count);
                AlimentarMetrics.BatchCounter.Add(1);
            }
            if (_flow.Backpressure > 0 && _buffered.Count >= _flow.Backpressure)
            {
                _paused = true;
            }

            wake = _batchArrived;
            _batchArrived = null;
        }

        wake?.TrySetResult();
    }

    /// <summary>Moves a dequeued batch from buffered to held. Called under the lock.</summary>
    private void OnTaken(Batch<T> batch)
    {
        if (TracksBytes)
        {
            long size = batch.SizeInBytes;
            _bufferedBytes -= size;
            ReportBuffered(-size);
            _heldBytes = size;
        }

        if (_paused && _buffered.Count <= _flow.ResumeAt)
        {
            _paused = false;
        }

        WakeProducer();
    }

    private void ReleaseHeld()
    {
        lock (_gate)
        {
            if (_heldBytes == 0)
            {
                return;
            }

            _tracker?.Remove(_heldBytes);
            _heldBytes = 0;
            WakeProducer();
        }
    }

    /// <summary>Called under the lock.</summary>
    private void WakeProducer()
    {
        TaskCompletionSource? wake = _roomFreed;
        _roomFreed = null;
        wake?.TrySetResult();
    }

    private void Complete(ExceptionDispatchInfo? fault)
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            _completed = true;
            _fault = fault;
            wake = _batchArrived;
            _batchArrived = null;
        }

        wake?.TrySetResult();
    }

    private void Track(Batch<T> batch, ref long counter)
    {
        if (TracksBytes)
        {
            long size = batch.SizeInBytes;
            counter += size;
            _tracker?.Add(size);
            ReportBuffered(size);
        }
    }

    private void Untrack(Batch<T> batch, ref long counter)
    {
        if (TracksBytes)
        {
            long size = batch.SizeInBytes;
            counter -= size;
            _tracker?.Remove(size);
            ReportBuffered(-size);
        }
    }

    private void ReportBuffered(long delta)
    {
        if (!_flow.IsInner)
        {
            AlimentarMetrics.BufferedBytesCounter.Add(delta);
        }
    }
}
