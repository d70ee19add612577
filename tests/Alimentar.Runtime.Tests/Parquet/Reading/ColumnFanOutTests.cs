using System.Collections.Concurrent;
using Alimentar.Parquet.Reading;

namespace Alimentar.Runtime.Tests;

/// <summary>A batch's column reads, queued as generated code asks for them and decoded side by side once it has asked for all.</summary>
public sealed class ColumnFanOutTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Queued_reads_run_only_when_the_batch_is_completed_and_then_side_by_side_each_with_its_own_scratch()
    {
        using var fanOut = new ColumnFanOut(threads: 2, costs: [10, 20]);
        using var scratch = new ScratchBuffers();
        using var arrays = new BatchArrays();
        PagedColumnReader reader = Reader(scratch, arrays, fanOut);
        using var bothStarted = new Barrier(2);
        var scratchUsed = new ConcurrentBag<ScratchBuffers>();
        var threads = new ConcurrentBag<int>();
        int ran = 0;
        Func<PagedColumnReader, CancellationToken, ValueTask> read = (worker, _) =>
        {
            Interlocked.Increment(ref ran);
            threads.Add(Environment.CurrentManagedThreadId);
            scratchUsed.Add(worker.Scratch);
            worker.Scratch.Get<long>(0, 1_000);

            // Each read waits for the other: on one thread, the first would wait in vain.
            Assert.True(bothStarted.SignalAndWait(Patience), "the two reads did not run at the same time");
            return ValueTask.CompletedTask;
        };

        Assert.True(reader.DecodesSideBySide);
        await fanOut.Defer(1, read);
        await fanOut.Defer(0, read);
        Assert.Equal(0, ran);

        await reader.CompleteAsync(CancellationToken.None);

        Assert.Equal(2, ran);
        Assert.Equal(2, threads.Distinct().Count());
        Assert.Equal(2, scratchUsed.Distinct().Count());
        Assert.Contains(scratch, scratchUsed);
        Assert.True(fanOut.SizeInBytes >= 1_000 * sizeof(long), "a helper thread's scratch counts in what the pass holds");

        // The queue is empty after a run: completing again reads nothing more.
        await reader.CompleteAsync(CancellationToken.None);
        Assert.Equal(2, ran);
    }

    [Fact]
    public async Task When_reads_fail_the_first_failed_column_in_schema_order_is_reported_and_no_read_starts_after()
    {
        // Column 3 is the largest, so it runs first; column 1 next, on the helper thread; both fail once both have started.
        using var fanOut = new ColumnFanOut(threads: 2, costs: [1, 50, 2, 100, 3, 4]);
        using var scratch = new ScratchBuffers();
        using var arrays = new BatchArrays();
        PagedColumnReader reader = Reader(scratch, arrays, fanOut);
        using var bothStarted = new Barrier(2);
        var started = new ConcurrentBag<int>();
        for (int column = 0; column < 6; column++)
        {
            int failing = column;
            await fanOut.Defer(column, (_, _) =>
            {
                started.Add(failing);
                if (failing is 1 or 3)
                {
                    Assert.True(bothStarted.SignalAndWait(Patience));
                    throw new InvalidDataException($"column {failing} is corrupt");
                }

                return ValueTask.CompletedTask;
            });
        }

        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(() => reader.CompleteAsync(CancellationToken.None).AsTask());

        Assert.Equal("column 1 is corrupt", error.Message);
        Assert.Equal([1, 3], started.Order());
    }

    [Fact]
    public async Task A_single_queued_read_runs_on_the_caller_s_thread()
    {
        using var fanOut = new ColumnFanOut(threads: 4, costs: [1]);
        using var scratch = new ScratchBuffers();
        using var arrays = new BatchArrays();
        PagedColumnReader reader = Reader(scratch, arrays, fanOut);
        ScratchBuffers? used = null;
        await fanOut.Defer(0, (worker, _) =>
        {
            used = worker.Scratch;
            return ValueTask.CompletedTask;
        });

        await reader.CompleteAsync(CancellationToken.None);

        Assert.Same(scratch, used);
        Assert.Equal(0, fanOut.SizeInBytes);
    }

    [Fact]
    public void Fewer_than_two_threads_is_not_a_fan_out()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColumnFanOut(threads: 1, costs: [1, 2]));
    }

    private static PagedColumnReader Reader(ScratchBuffers scratch, BatchArrays arrays, ColumnFanOut fanOut) =>
        new([], null!, scratch, arrays, rowGroup: 0, firstRow: 0, rowCount: 0, fanOut);
}
