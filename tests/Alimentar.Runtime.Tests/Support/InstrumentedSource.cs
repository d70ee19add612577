using System.Runtime.CompilerServices;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// A scripted source that counts what it hands out and can fail at a chosen batch: the producer's view
/// of a test, observed without timing.
/// </summary>
internal sealed class InstrumentedSource : IBatchSource<Item>
{
    private readonly int _batchCount;
    private readonly int _batchSize;
    private readonly ColumnBufferPool _pool;
    private int _pulled;
    private int _running;

    public InstrumentedSource(int batchCount, int batchSize, ColumnBufferPool pool, int failAt = -1, Exception? failure = null)
    {
        _batchCount = batchCount;
        _batchSize = batchSize;
        _pool = pool;
        FailAt = failAt;
        Failure = failure ?? new InvalidDataException("scripted failure");
    }

    public int FailAt { get; }

    public Exception Failure { get; }

    /// <summary>Batches handed out in the current pass.</summary>
    public int Pulled => Volatile.Read(ref _pulled);

    /// <summary>Passes whose enumeration has started and not yet ended.</summary>
    public int Running => Volatile.Read(ref _running);

    public int Passes { get; private set; }

    public async IAsyncEnumerable<Batch<Item>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _running);
        Passes++;
        Volatile.Write(ref _pulled, 0);
        try
        {
            for (int b = 0; b < _batchCount; b++)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                if (b == FailAt)
                {
                    throw Failure;
                }

                Interlocked.Increment(ref _pulled);
                yield return Batch<Item>.FromRows(TestData.Items(_batchSize, b * _batchSize), _pool);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
