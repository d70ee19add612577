namespace Alimentar.IntegrationTests;

/// <summary>
/// The seed's loop never disposes a batch. Such batches give their buffers back once the collector finds them
/// dropped, and batches the caller keeps stay whole whatever the collector does.
/// </summary>
public sealed class UndisposedBatchTests
{
    private static Measurement Row(int i) => new(i, $"sensor-{i % 7}", i % 5 == 0 ? null : i * 0.5);

    private static async Task<string> WriteAsync(TempFile file)
    {
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 50_000).Select(Row), rowGroupSize: 10_000);
        return file.Path;
    }

    [Fact]
    public async Task Batches_a_pass_never_disposes_return_their_buffers_once_collected()
    {
        using var file = new TempFile();
        string path = await WriteAsync(file);
        var pool = new ColumnBufferPool();

        long rows = CountWithoutDisposing(path, pool);
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal(50_000, rows);
        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public async Task Batches_kept_past_the_loop_keep_their_values_through_collections_and_later_passes()
    {
        using var file = new TempFile();
        string path = await WriteAsync(file);
        using var streaming = new StreamingDataset<Measurement>(new ParquetSource<Measurement>(path).BatchSize(1_000), bufferSize: 4);

        List<Batch<Measurement>> kept = streaming.Take(10).ToList();
        for (int pass = 0; pass < 3; pass++)
        {
            CountWithoutDisposing(path, ColumnBufferPool.Shared);
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal(Enumerable.Range(0, 10_000).Select(Row), kept.SelectMany(batch => batch));
        Assert.All(kept, batch => Assert.False(batch.IsDisposed));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long CountWithoutDisposing(string path, ColumnBufferPool pool)
    {
        using var streaming = new StreamingDataset<Measurement>(new ParquetSource<Measurement>(path).BatchSize(1_000).WithBufferPool(pool), bufferSize: 4);
        long rows = 0;
        foreach (Batch<Measurement> batch in streaming)
        {
            rows += batch.Count;
        }

        return rows;
    }
}
