using System.Runtime.CompilerServices;

namespace Alimentar.Runtime.Tests;

/// <summary>
/// A read waiting for the producer when another thread disposes or resets the dataset: stopping the pass cancels its
/// producer, and the waiting reader hears what happened to the dataset (disposed, or its pass begun again), never a
/// cancellation it did not ask for; every buffer comes back.
/// </summary>
public sealed class StopFromAnotherThreadTests
{
    [Fact]
    public async Task Disposing_while_a_read_waits_ends_it_with_ObjectDisposedException()
    {
        var pool = new ColumnBufferPool();
        var source = new StallingSource(batchesBeforeStall: 2, pool);
        var streaming = new StreamingDataset<Item>(source, bufferSize: 4);
        (_, Task<bool> waiting) = await StartWaitingReadAsync(streaming, source);

        streaming.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public async Task Disposing_while_an_asynchronous_read_waits_ends_it_with_ObjectDisposedException()
    {
        var pool = new ColumnBufferPool();
        var source = new StallingSource(batchesBeforeStall: 1, pool);
        var streaming = new StreamingDataset<Item>(source, bufferSize: 4);
        IAsyncEnumerator<Batch<Item>> enumerator = streaming.ReadAllAsync().GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());
        enumerator.Current.Dispose();

        Task<bool> waiting = enumerator.MoveNextAsync().AsTask();
        await source.Stalled;
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        streaming.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        await enumerator.DisposeAsync();
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public async Task Resetting_while_a_read_waits_hands_it_the_first_batch_of_the_new_pass()
    {
        var pool = new ColumnBufferPool();
        var source = new StallingSource(batchesBeforeStall: 2, pool);
        using (var streaming = new StreamingDataset<Item>(source, bufferSize: 4))
        {
            (IEnumerator<Batch<Item>> enumerator, Task<bool> waiting) = await StartWaitingReadAsync(streaming, source);

            streaming.Reset();

            Assert.True(await waiting);
            using (Batch<Item> first = enumerator.Current)
            {
                Assert.Equal(0, first[0].Id);
            }

            Assert.Equal(2, source.Passes);
            enumerator.Dispose();
        }

        Assert.Equal(0, pool.OutstandingBuffers);
    }

    /// <summary>Reads the batches a <see cref="StallingSource"/> yields, then starts a read on another thread that waits for more.</summary>
    private static async Task<(IEnumerator<Batch<Item>> Enumerator, Task<bool> Waiting)> StartWaitingReadAsync(StreamingDataset<Item> streaming, StallingSource source)
    {
        IEnumerator<Batch<Item>> enumerator = streaming.GetEnumerator();
        ReadAndDispose(enumerator);
        ReadAndDispose(enumerator);
        Task<bool> waiting = Task.Run(enumerator.MoveNext);

        await source.Stalled;
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        return (enumerator, waiting);
    }

    private static void ReadAndDispose(IEnumerator<Batch<Item>> enumerator)
    {
        Assert.True(enumerator.MoveNext());
        enumerator.Current.Dispose();
    }

    /// <summary>Yields a few batches, then waits until its pass is cancelled, as a source stuck on a slow read does.</summary>
    private sealed class StallingSource(int batchesBeforeStall, ColumnBufferPool pool) : IBatchSource<Item>
    {
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _passes;

        /// <summary>Completes when the first pass stops yielding.</summary>
        public Task Stalled => _stalled.Task;

        public int Passes => Volatile.Read(ref _passes);

        public async IAsyncEnumerable<Batch<Item>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _passes);
            for (int b = 0; b < batchesBeforeStall; b++)
            {
                yield return Batch<Item>.FromRows(TestData.Items(4, b * 4), pool);
            }

            _stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
