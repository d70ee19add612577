using System.Runtime.ExceptionServices;

namespace Alimentar.Parquet.Reading;

/// <summary>
/// Decodes one batch's columns side by side. Generated code asks for a batch's columns one after another; a request
/// that only fills buffers the store owns (values, strings, binary, lists) is queued here instead of run, and once
/// the store has asked for every column, <see cref="RunAsync"/> decodes the queue on up to <see cref="Threads"/>
/// threads, the largest chunks first. Record columns run when asked: generated code builds objects from their result
/// at once.
/// </summary>
/// <remarks>
/// Each column has its own chunk reader, page, dictionary and string pool, so columns share nothing while they
/// decode but the scratch space, of which every helper thread has its own, and the batch arrays, which lock. With
/// one decoding thread per pass, a pass of typed columns kept one core busy and the other waiting; reading a
/// batch's columns side by side is what lets one file use the cores a machine has.
/// </remarks>
internal sealed class ColumnFanOut : IDisposable
{
    private readonly List<Job> _jobs = [];
    private readonly ScratchBuffers[] _helperScratch;
    private readonly long[] _costs;

    /// <param name="threads">The most threads a batch is decoded on, the caller's included; at least 2.</param>
    /// <param name="costs">Each column's relative cost (its chunk's uncompressed bytes), so the largest start first.</param>
    public ColumnFanOut(int threads, long[] costs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 2);
        _costs = costs;
        _helperScratch = new ScratchBuffers[threads - 1];
        for (int i = 0; i < _helperScratch.Length; i++)
        {
            _helperScratch[i] = new ScratchBuffers();
        }
    }

    /// <summary>The most threads one batch is decoded on.</summary>
    public int Threads => _helperScratch.Length + 1;

    /// <summary>The helper threads' scratch space: memory the pass holds.</summary>
    public long SizeInBytes
    {
        get
        {
            long held = 0;
            foreach (ScratchBuffers scratch in _helperScratch)
            {
                held += scratch.SizeInBytes;
            }

            return held;
        }
    }

    /// <summary>Queues one column's read for <see cref="RunAsync"/>.</summary>
    /// <param name="column">The column, for ordering by cost and for choosing which error to report.</param>
    /// <param name="read">Reads the column through the reader it is given (each thread's has its own scratch space).</param>
    public ValueTask Defer(int column, Func<PagedColumnReader, CancellationToken, ValueTask> read)
    {
        _jobs.Add(new Job(column, read));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Decodes every queued read, then empties the queue. When reads fail, the others already started finish, none
    /// starts after, and the failure of the first column in schema order is thrown, so the error a file gives does
    /// not depend on thread timing.
    /// </summary>
    public async ValueTask RunAsync(PagedColumnReader reader, CancellationToken cancellationToken)
    {
        try
        {
            if (_jobs.Count == 0)
            {
                return;
            }

            _jobs.Sort((a, b) => _costs[b.Column].CompareTo(_costs[a.Column]));
            var queue = new JobQueue(_jobs);
            int helpers = Math.Min(_helperScratch.Length, _jobs.Count - 1);
            var running = new Task[helpers];
            for (int i = 0; i < helpers; i++)
            {
                PagedColumnReader helper = reader.WithScratch(_helperScratch[i]);
                running[i] = Task.Run(() => WorkAsync(helper, queue, cancellationToken), CancellationToken.None);
            }

            await WorkAsync(reader, queue, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(running).ConfigureAwait(false);
            queue.ThrowIfFailed();
        }
        finally
        {
            _jobs.Clear();
        }
    }

    /// <summary>Takes reads off the queue until it is empty or a read failed; never throws, so every thread is awaited.</summary>
    private static async Task WorkAsync(PagedColumnReader reader, JobQueue queue, CancellationToken cancellationToken)
    {
        while (queue.Next() is { } job)
        {
            try
            {
                await job.Read(reader, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                queue.Fail(job.Column, error);
            }
        }
    }

    public void Dispose()
    {
        foreach (ScratchBuffers scratch in _helperScratch)
        {
            scratch.Dispose();
        }
    }

    private sealed record Job(int Column, Func<PagedColumnReader, CancellationToken, ValueTask> Read);

    private sealed class JobQueue(List<Job> jobs)
    {
        private readonly Lock _gate = new();
        private int _next = -1;
        private int _failedColumn = int.MaxValue;
        private ExceptionDispatchInfo? _failure;

        public Job? Next()
        {
            if (Volatile.Read(ref _failure) is not null)
            {
                return null;
            }

            int at = Interlocked.Increment(ref _next);
            return at < jobs.Count ? jobs[at] : null;
        }

        public void Fail(int column, Exception error)
        {
            lock (_gate)
            {
                if (column < _failedColumn)
                {
                    _failedColumn = column;
                    Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(error));
                }
            }
        }

        public void ThrowIfFailed() => _failure?.Throw();
    }
}
