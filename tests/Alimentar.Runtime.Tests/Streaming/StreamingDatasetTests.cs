namespace Alimentar.Runtime.Tests;

public sealed class StreamingDatasetTests
{
    [Fact]
    public void Foreach_yields_every_batch_in_order()
    {
        using var source = new MemorySource<Item>(TestData.Items(1000), batchSize: 64);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 4);

        int[] ids = streaming.SelectMany(b => b.Id.ToArray()).ToArray();

        Assert.Equal(Enumerable.Range(0, 1000), ids);
    }

    [Fact]
    public async Task ReadAllAsync_yields_every_batch_in_order()
    {
        using var source = new MemorySource<Item>(TestData.Items(300), batchSize: 7);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 2);

        var ids = new List<int>();
        await foreach (Batch<Item> batch in streaming.ReadAllAsync())
        {
            using (batch)
            {
                ids.AddRange(batch.Id.ToArray());
            }
        }

        Assert.Equal(Enumerable.Range(0, 300), ids);
    }

    [Fact]
    public async Task Rows_and_RowsAsync_yield_every_row()
    {
        using var source = new MemorySource<Item>(TestData.Items(50), batchSize: 8);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 2);

        Assert.Equal(TestData.Items(50), streaming.Rows());
        var rows = new List<Item>();
        await foreach (Item row in streaming.RowsAsync())
        {
            rows.Add(row);
        }

        Assert.Equal(TestData.Items(50), rows);
    }

    [Fact]
    public void Take_before_and_after_Reset_yields_equal_batches()
    {
        using var source = new MemorySource<Item>(TestData.Items(200), batchSize: 10);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 16);

        int[][] first = streaming.Take(10).Select(b => b.Id.ToArray()).ToArray();
        streaming.Reset();
        int[][] second = streaming.Take(10).Select(b => b.Id.ToArray()).ToArray();

        Assert.Equal(10, first.Length);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Reset_mid_pass_restarts_the_running_enumeration_from_the_beginning()
    {
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 20, batchSize: 5, pool);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 4);

        var seen = new List<int>();
        using (IEnumerator<Batch<Item>> enumerator = streaming.GetEnumerator())
        {
            for (int i = 0; i < 3; i++)
            {
                Assert.True(enumerator.MoveNext());
                seen.Add(enumerator.Current.Id[0]);
                enumerator.Current.Dispose();
            }

            streaming.Reset();
            while (enumerator.MoveNext())
            {
                seen.Add(enumerator.Current.Id[0]);
                enumerator.Current.Dispose();
            }
        }

        Assert.Equal(new[] { 0, 5, 10 }.Concat(Enumerable.Range(0, 20).Select(b => b * 5)), seen);
        Assert.Equal(2, source.Passes);
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public void Reset_during_a_pass_releases_the_buffered_batches_and_their_tracked_memory()
    {
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 50, batchSize: 5, pool);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 8).WithMemoryTracking(true);
        using IEnumerator<Batch<Item>> enumerator = streaming.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        enumerator.Current.Dispose();
        TestData.Eventually(() => streaming.CurrentMemory > 4 * enumerator.Current.SizeInBytes, "the buffer to fill");

        streaming.Reset();

        Assert.Equal(0, streaming.CurrentMemory);
        Assert.Equal(0, pool.OutstandingBuffers);
        Assert.True(enumerator.MoveNext());
        Assert.Equal(0, enumerator.Current.Id[0]);
        enumerator.Current.Dispose();
    }

    [Fact]
    public void Reset_after_a_pass_lets_the_next_pass_start_again()
    {
        using var source = new MemorySource<Item>(TestData.Items(30), batchSize: 10);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 2);

        int[] first = streaming.Rows().Select(r => r.Id).ToArray();
        streaming.Reset();
        int[] second = streaming.Rows().Select(r => r.Id).ToArray();

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_producer_never_gets_more_than_the_buffer_ahead()
    {
        var source = new InstrumentedSource(batchCount: 100, batchSize: 1, new ColumnBufferPool());
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 5);

        using IEnumerator<Batch<Item>> enumerator = streaming.GetEnumerator();
        Assert.True(enumerator.MoveNext());

        // One held by the consumer plus five buffered; the producer waits for room before it pulls again.
        TestData.Eventually(() => source.Pulled == 6, "the producer to fill the buffer");
        Thread.Sleep(100);
        Assert.Equal(6, source.Pulled);
    }

    [Fact]
    public void Backpressure_pauses_at_the_limit_and_resumes_at_half()
    {
        var source = new InstrumentedSource(batchCount: 100, batchSize: 1, new ColumnBufferPool());
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 32).WithBackpressure(8);

        using IEnumerator<Batch<Item>> enumerator = streaming.GetEnumerator();
        Assert.True(enumerator.MoveNext());

        // Eight wait once the producer pauses; the consumer's first batch came before or after the eighth, so 8 or 9 were pulled.
        TestData.Eventually(() => source.Pulled >= 8, "the producer to reach the backpressure limit");
        Thread.Sleep(100);
        int paused = source.Pulled;
        Assert.InRange(paused, 8, 9);
        int waiting = paused - 1;

        // Taking down to five waiting (still above half of eight) leaves the producer paused.
        for (int i = waiting; i > 5; i--)
        {
            Assert.True(enumerator.MoveNext());
        }

        Thread.Sleep(100);
        Assert.Equal(paused, source.Pulled);

        // One more leaves four waiting (half the limit): the producer resumes and fills back to eight.
        Assert.True(enumerator.MoveNext());
        TestData.Eventually(() => source.Pulled == paused + 4, "the producer to resume");
        Thread.Sleep(100);
        Assert.Equal(paused + 4, source.Pulled);
    }

    [Fact]
    public void The_byte_budget_holds_tracked_memory_below_budget_plus_one_batch()
    {
        var source = new InstrumentedSource(batchCount: 100, batchSize: 10, new ColumnBufferPool());
        long[] sizes = TestData.Batches(4, 10).Select(b => b.SizeInBytes).ToArray();
        long batchBytes = sizes.Max();

        // The fourth batch takes tracked memory past the budget: the producer then waits.
        long budget = sizes.Sum() - 1;
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 50).WithMemoryBudget(budget).WithMemoryTracking(true);

        using IEnumerator<Batch<Item>> enumerator = streaming.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        TestData.Eventually(() => source.Pulled == 4, "the producer to reach the budget");
        Thread.Sleep(100);

        Assert.Equal(4, source.Pulled);
        Assert.Equal(sizes.Sum(), streaming.PeakMemory);
        Assert.True(streaming.PeakMemory <= budget + batchBytes, $"peak {streaming.PeakMemory} over budget {budget} plus one batch");
    }

    [Fact]
    public void PeakMemory_is_the_bytes_of_the_batches_live_at_the_worst_moment()
    {
        var source = new InstrumentedSource(batchCount: 10, batchSize: 20, new ColumnBufferPool());
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 3).WithMemoryTracking(true);
        long[] sizes = TestData.Batches(10, 20).Select(b => b.SizeInBytes).ToArray();

        using (IEnumerator<Batch<Item>> enumerator = streaming.GetEnumerator())
        {
            Assert.True(enumerator.MoveNext());
            TestData.Eventually(() => source.Pulled == 4, "the producer to fill the buffer");
            Thread.Sleep(50);

            // The consumer holds batch 0; batches 1 to 3 wait in the buffer.
            Assert.Equal(sizes[..4].Sum(), streaming.CurrentMemory);
            Assert.Equal(sizes[..4].Sum(), streaming.PeakMemory);
        }

        Assert.Equal(0, streaming.CurrentMemory);
        Assert.Equal(sizes[..4].Sum(), streaming.PeakMemory);
    }

    [Fact]
    public void A_fault_arrives_after_every_batch_before_it_as_the_original_exception()
    {
        var failure = new InvalidDataException("row group 3 is bad");
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 10, batchSize: 2, pool, failAt: 3, failure: failure);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 4);

        var ids = new List<int>();
        InvalidDataException thrown = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (Batch<Item> batch in streaming)
            {
                using (batch)
                {
                    ids.AddRange(batch.Id.ToArray());
                }
            }
        });

        Assert.Same(failure, thrown);
        Assert.Equal([0, 1, 2, 3, 4, 5], ids);
        Assert.Equal(0, source.Running);
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public async Task Cancelling_ReadAllAsync_stops_the_producer_and_returns_every_buffer()
    {
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 1000, batchSize: 4, pool);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 8);
        using var cancellation = new CancellationTokenSource();

        int read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (Batch<Item> batch in streaming.ReadAllAsync(cancellation.Token))
            {
                batch.Dispose();
                if (++read == 5)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal(0, source.Running);
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public void Disposing_mid_pass_stops_a_blocked_producer_and_returns_every_buffer()
    {
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 1000, batchSize: 4, pool);
        var streaming = new StreamingDataset<Item>(source, bufferSize: 8);

        IEnumerator<Batch<Item>> enumerator = streaming.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        enumerator.Current.Dispose();
        TestData.Eventually(() => source.Pulled == 9, "the producer to block on a full buffer");

        streaming.Dispose();

        Assert.Equal(0, source.Running);
        Assert.Equal(0, pool.OutstandingBuffers);
        Assert.Throws<ObjectDisposedException>(() => enumerator.MoveNext());
    }

    [Fact]
    public void Breaking_out_of_foreach_stops_the_producer_and_returns_every_buffer()
    {
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 1000, batchSize: 4, pool);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 8);

        int seen = 0;
        foreach (Batch<Item> batch in streaming)
        {
            batch.Dispose();
            if (++seen == 3)
            {
                break;
            }
        }

        Assert.Equal(3, seen);

        Assert.Equal(0, source.Running);
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public async Task Disposing_the_dataset_during_ReadAllAsync_ends_the_enumeration_and_returns_every_buffer()
    {
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 1000, batchSize: 4, pool);
        var streaming = new StreamingDataset<Item>(source, bufferSize: 8);

        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
        {
            await foreach (Batch<Item> batch in streaming.ReadAllAsync())
            {
                batch.Dispose();
                streaming.Dispose();
            }
        });

        Assert.Equal(0, source.Running);
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public void A_source_that_fails_with_batches_buffered_delivers_them_then_its_fault_and_returns_every_buffer()
    {
        // The producer waits for room before it asks the source for more, so a source fails at most when
        // the buffer is one short of full: here 4 of 5 places hold batches when it throws.
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 100, batchSize: 4, pool, failAt: 5);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 5);
        using IEnumerator<Batch<Item>> enumerator = streaming.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        enumerator.Current.Dispose();
        TestData.Eventually(() => source.Pulled == 5 && source.Running == 0, "the producer to buffer four batches and fail");

        int delivered = 1;
        var fault = Assert.Throws<InvalidDataException>(() =>
        {
            while (enumerator.MoveNext())
            {
                enumerator.Current.Dispose();
                delivered++;
            }
        });

        Assert.Equal(5, delivered);
        Assert.Same(source.Failure, fault);
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public void Enumerating_twice_at_once_is_an_invalid_operation()
    {
        using var source = new MemorySource<Item>(TestData.Items(10), batchSize: 2);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 2);

        using IEnumerator<Batch<Item>> first = streaming.GetEnumerator();
        first.MoveNext();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => streaming.GetEnumerator());
        Assert.Contains("already being enumerated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_validates_and_applies_its_settings()
    {
        using var source = new MemorySource<Item>(TestData.Items(4), batchSize: 2);

        Assert.Throws<InvalidOperationException>(() => StreamingDataset<Item>.Builder().BufferSize(4).Build());
        Assert.Throws<ArgumentOutOfRangeException>(() => StreamingDataset<Item>.Builder().Source(source).BufferSize(0).Build());
        Assert.Throws<ArgumentOutOfRangeException>(() => StreamingDataset<Item>.Builder().Source(source).BufferSize(4).WithBackpressure(5).Build());

        using StreamingDataset<Item> streaming = StreamingDataset<Item>.Builder()
            .Source(source).BufferSize(32).WithBackpressure(8).WithMemoryBudget(1 << 20).WithMemoryTracking(true).Build();
        Assert.Equal(32, streaming.BufferSize);
        Assert.Equal(8, streaming.Backpressure);
        Assert.Equal(1 << 20, streaming.MemoryBudget);
        Assert.True(streaming.MemoryTracking);
        Assert.Equal(4, streaming.Rows().Count());
    }

    [Fact]
    public void Many_short_passes_with_resets_and_cancellations_never_lose_or_duplicate_a_batch()
    {
        var pool = new ColumnBufferPool();
        var source = new InstrumentedSource(batchCount: 40, batchSize: 3, pool);
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 3).WithBackpressure(2).WithMemoryTracking(true);
        var random = new Random(1234);

        for (int pass = 0; pass < 200; pass++)
        {
            int stopAfter = random.Next(0, 45);
            var firstIds = new List<int>();
            using (IEnumerator<Batch<Item>> enumerator = streaming.GetEnumerator())
            {
                while (firstIds.Count < stopAfter && enumerator.MoveNext())
                {
                    using (enumerator.Current)
                    {
                        firstIds.Add(enumerator.Current.Id[0]);
                    }
                }

                if (random.Next(3) == 0)
                {
                    streaming.Reset();
                }
            }

            Assert.Equal(Enumerable.Range(0, firstIds.Count).Select(b => b * 3), firstIds);
        }

        Assert.Equal(0, source.Running);
        Assert.Equal(0, pool.OutstandingBuffers);
        Assert.Equal(0, streaming.CurrentMemory);
    }

    [Fact]
    public void A_consumer_far_slower_than_the_producer_never_sees_tracked_memory_above_the_budget_plus_one_batch()
    {
        var source = new InstrumentedSource(batchCount: 300, batchSize: 10, new ColumnBufferPool());
        long[] sizes = TestData.Batches(300, 10).Select(b => b.SizeInBytes).ToArray();
        long budget = 5 * sizes.Max();
        using var streaming = new StreamingDataset<Item>(source, bufferSize: 32).WithBackpressure(8).WithMemoryBudget(budget).WithMemoryTracking(true);

        long worst = 0;
        int batches = 0;
        foreach (Batch<Item> batch in streaming)
        {
            using (batch)
            {
                worst = Math.Max(worst, streaming.CurrentMemory);
                batches++;
                Thread.Sleep(1);
            }
        }

        Assert.Equal(300, batches);
        Assert.True(worst <= budget + sizes.Max(), $"tracked {worst} bytes with a budget of {budget}");
        Assert.True(streaming.PeakMemory <= budget + sizes.Max(), $"peak {streaming.PeakMemory} bytes with a budget of {budget}");
        Assert.True(streaming.PeakMemory >= budget, "the producer never reached the budget, so the test proved nothing");
    }
}
