namespace Alimentar.IntegrationTests;

internal static class ParquetFiles
{
    /// <summary>Apache's parquet-testing corpus, copied into the repository.</summary>
    public static string Corpus(string name) => TestCorpus.File(name);

    public static List<T> ReadAll<T>(IBatchSource<T> source)
        where T : IStreamingRow<T>
    {
        using var streaming = new StreamingDataset<T>(source, bufferSize: 4);
        return streaming.Rows().ToList();
    }

    /// <summary>
    /// <paramref name="rows"/> written to a Parquet file and to an Arrow IPC stream (in batches of two), each read back
    /// through the same row type: what must hold of a row whichever way it travels.
    /// </summary>
    public static async Task<(string From, List<T> Read)[]> WrittenToParquetAndArrowAsync<T>(T[] rows)
        where T : IStreamingRow<T>
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<T>.WriteFileAsync(file.Path, rows);
        using var ipc = new MemoryStream();
        using (var streaming = new StreamingDataset<T>(new MemorySource<T>(rows, batchSize: 2), bufferSize: 2))
        {
            await ArrowIpc.WriteAsync(ipc, streaming.ReadAllAsync());
        }

        ipc.Position = 0;
        return [("Parquet", ReadAll(new ParquetSource<T>(file.Path))), ("Arrow", ReadAll(new ArrowSource<T>(ipc, "rows.arrows")))];
    }

    /// <summary>Abandons passes after one, two and three batches; after each, every buffer rented from the pool is back.</summary>
    /// <param name="source">The source to read, renting from the pool it is given.</param>
    public static void AssertAbandonedPassesReturnEveryBuffer<T>(Func<ColumnBufferPool, IBatchSource<T>> source)
        where T : IStreamingRow<T>
    {
        var pool = new ColumnBufferPool();
        for (int abandonAfter = 1; abandonAfter <= 3; abandonAfter++)
        {
            using (var streaming = new StreamingDataset<T>(source(pool), bufferSize: 2))
            {
                foreach (Batch<T> batch in streaming.Take(abandonAfter))
                {
                    batch.Dispose();
                }
            }

            Assert.Equal(0, pool.OutstandingBuffers);
        }
    }
}

/// <summary>A temporary file deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string extension = ".parquet") =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"alimentar-{Guid.NewGuid():N}{extension}");

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}

/// <summary>A temporary directory deleted, with what it holds, on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "alimentar-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
