using Alimentar;
using Alimentar.Seed;

// C# twins of the seed's streaming examples 21-29. Run one: dotnet run --project samples/Alimentar.Seed -- 24
// Run all: dotnet run --project samples/Alimentar.Seed
var examples = new SortedDictionary<string, Func<Task>>
{
    ["21"] = Example21ConstantMemory,
    ["22"] = Example22ChainedSources,
    ["23"] = Example23MemorySource,
    ["24"] = Example24ParquetStreaming,
    ["25"] = Example25BufferTuning,
    ["26"] = Example26AsyncPrefetch,
    ["27"] = Example27Backpressure,
    ["28"] = Example28Reset,
    ["29"] = Example29MemoryProfile,
};

IEnumerable<string> chosen = args.Length > 0 ? args : examples.Keys;
foreach (string name in chosen)
{
    if (!examples.TryGetValue(name, out Func<Task>? run))
    {
        Console.Error.WriteLine($"No example {name}; choose from {string.Join(", ", examples.Keys)}.");
        return 1;
    }

    Console.WriteLine($"--- Example {name} ---");
    await run();
}

return 0;

static Event[] Events(int count, int start = 0) =>
    Enumerable.Range(start, count).Select(i => new Event(i, i % 2 == 0 ? "click" : "view", i * 0.5)).ToArray();

static Task Example21ConstantMemory()
{
    using var source = new MemorySource<Event>(Events(100_000), batchSize: 1_000);
    using var streaming = new StreamingDataset<Event>(source, bufferSize: 16);
    long rows = 0;
    foreach (Batch<Event> batch in streaming)
    {
        using (batch)
        {
            rows += batch.Count;
        }
    }

    Console.WriteLine($"Streamed {rows:N0} rows through a buffer of 16 batches.");
    return Task.CompletedTask;
}

static Task Example22ChainedSources()
{
    using var january = new MemorySource<Event>(Events(3_000), batchSize: 1_000);
    using var february = new MemorySource<Event>(Events(2_000, start: 3_000), batchSize: 1_000);
    var chained = new ChainedSource<Event>(january, february);
    using var streaming = new StreamingDataset<Event>(chained, bufferSize: 16);
    long[] firstIds = streaming.Select(b => { using (b) { return b.Id[0]; } }).ToArray();
    Console.WriteLine($"Chained two sources: batches start at ids {string.Join(", ", firstIds)}.");
    return Task.CompletedTask;
}

static Task Example23MemorySource()
{
    // The source takes the batches over and disposes them with itself: nothing else to clean up.
    using var source = new MemorySource<Event>([Batch<Event>.FromRows(Events(4)), Batch<Event>.FromRows(Events(4, start: 4))]);
    using var streaming = new StreamingDataset<Event>(source, bufferSize: 16);
    Console.WriteLine($"Memory source of {source.BatchCount} batches, {source.RowCount} rows; kinds: {string.Join(" ", streaming.Rows().Select(e => e.Kind))}.");
    return Task.CompletedTask;
}

static async Task Example24ParquetStreaming()
{
    string path = await WriteSampleFileAsync();
    var source = new ParquetSource<Event>(path).BatchSize(1_024);
    using var streaming = new StreamingDataset<Event>(source, bufferSize: 8);
    int batches = 0;
    double total = 0;
    foreach (Batch<Event> batch in streaming)
    {
        using (batch)
        {
            batches++;
            foreach (double value in batch.Value)
            {
                total += value;
            }
        }
    }

    Console.WriteLine($"Streamed {path} in {batches} batches of up to 1,024 rows; sum of Value = {total:N1}.");
}

static async Task Example25BufferTuning()
{
    string path = await WriteSampleFileAsync();
    using StreamingDataset<Event> streaming = StreamingDataset<Event>.Builder()
        .Source(new ParquetSource<Event>(path).BatchSize(4_096))
        .BufferSize(32)
        .Build();
    Console.WriteLine($"Built a dataset with buffer size {streaming.BufferSize}; it streamed {streaming.Rows().LongCount():N0} rows.");
}

static async Task Example26AsyncPrefetch()
{
    using var source = new MemorySource<Event>(Events(10_000), batchSize: 500);
    AsyncPrefetch<Event> prefetch = new AsyncPrefetchBuilder<Event>(source).PrefetchSize(4).Build();
    int batches = 0;
    await foreach (Batch<Event> batch in prefetch.ReadAllAsync())
    {
        using (batch)
        {
            batches++;
        }
    }

    Console.WriteLine($"Prefetched {batches} batches, keeping up to {prefetch.PrefetchSize} ready on a background task.");
}

static Task Example27Backpressure()
{
    using var source = new MemorySource<Event>(Events(20_000), batchSize: 100);
    using var streaming = new StreamingDataset<Event>(source, bufferSize: 16).WithBackpressure(8).WithMemoryTracking(true);
    long rows = 0;
    foreach (Batch<Event> batch in streaming)
    {
        using (batch)
        {
            Thread.SpinWait(20_000);
            rows += batch.Count;
        }
    }

    Console.WriteLine($"A slow consumer read {rows:N0} rows; the producer paused at 8 waiting batches. Peak {streaming.PeakMemory:N0} bytes.");
    return Task.CompletedTask;
}

static Task Example28Reset()
{
    using var source = new MemorySource<Event>(Events(10_000), batchSize: 100);
    using var streaming = new StreamingDataset<Event>(source, bufferSize: 16).WithMemoryTracking(true);

    // One live enumeration: ten batches, then Reset, then ten more from the same enumerator.
    using IEnumerator<Batch<Event>> pass = streaming.GetEnumerator();
    long[] firstTen = Take(pass, 10);
    SpinWait.SpinUntil(() => streaming.CurrentMemory > 0, TimeSpan.FromSeconds(1));
    long buffered = streaming.CurrentMemory;
    streaming.Reset();
    long afterReset = streaming.CurrentMemory;
    long[] nextTen = Take(pass, 10);

    Console.WriteLine($"First ten batches start at ids {string.Join(",", firstTen)}.");
    Console.WriteLine($"Before Reset the producer had {buffered:N0} bytes buffered ahead; Reset released them: {afterReset:N0} bytes.");
    Console.WriteLine($"The same enumeration then starts again at {string.Join(",", nextTen)} (without Reset it would have gone on at {firstTen[^1] + 100}); equal: {firstTen.SequenceEqual(nextTen)}.");
    return Task.CompletedTask;

    static long[] Take(IEnumerator<Batch<Event>> pass, int count)
    {
        var ids = new long[count];
        for (int i = 0; i < count && pass.MoveNext(); i++)
        {
            using (pass.Current)
            {
                ids[i] = pass.Current.Id[0];
            }
        }

        return ids;
    }
}

static Task Example29MemoryProfile()
{
    using var source = new MemorySource<Event>(Events(50_000), batchSize: 1_000);
    using var streaming = new StreamingDataset<Event>(source, bufferSize: 16).WithMemoryTracking(true);
    foreach (Batch<Event> batch in streaming)
    {
        batch.Dispose();
    }

    Console.WriteLine($"Peak memory: {streaming.PeakMemory:N0} bytes");
    return Task.CompletedTask;
}

static async Task<string> WriteSampleFileAsync()
{
    string path = Path.Combine(Path.GetTempPath(), "alimentar-seed-events.parquet");
    if (!File.Exists(path))
    {
        await ParquetDatasetWriter<Event>.WriteFileAsync(path, Events(100_000), rowGroupSize: 25_000);
    }

    return path;
}
