using Alimentar.Parquet.Reading.Codecs;
using Alimentar.Parquet.Writing.Encoding;

namespace Alimentar.IntegrationTests;

/// <summary>
/// ZSTD keeps its tables in a native context of hundreds of kilobytes: a context per column cost a table of 1,000
/// columns some 480 MB while written and 350 MB while read. Contexts now serve one page at a time from a pool the
/// process shares. The pool's counts are process-wide, so this runs alone.
/// </summary>
[Collection(ProcessWideCountersCollection.Name)]
public sealed class ZstdContextTests
{
    [Fact]
    public async Task A_hundred_ZSTD_columns_are_written_and_read_with_contexts_for_the_pages_in_flight_not_one_per_column()
    {
        // Five row groups of 100 columns: 500 chunks each way, where a context per chunk (or per column) makes hundreds.
        const int rows = 5_000;
        WideMeasurement[] wide = [.. Enumerable.Range(0, rows).Select(WideMeasurement.Make)];
        var options = new ParquetWriteOptions { Compression = ParquetCompression.Zstd, RowGroupSize = 1_000 };
        using var file = new TempFile();
        await WriteAsync(file.Path, wide, options);
        ParquetFiles.ReadAll(new ParquetSource<WideMeasurement>(file.Path));

        long compressing = PageCompressor.ZstdContextsCreated;
        long decompressing = ZstdCodec.ContextsCreated;
        await WriteAsync(file.Path, wide, options);
        List<WideMeasurement> read = ParquetFiles.ReadAll(new ParquetSource<WideMeasurement>(file.Path));

        // Warm, the pool already holds what the pass needs; a full collection's trim may free a few to make again.
        int most = 2 * CodecContexts.MostKept;
        long madeWriting = PageCompressor.ZstdContextsCreated - compressing;
        long madeReading = ZstdCodec.ContextsCreated - decompressing;
        Assert.True(madeWriting <= most, $"writing 500 ZSTD chunks made {madeWriting} compression contexts");
        Assert.True(madeReading <= most, $"reading 500 ZSTD chunks made {madeReading} decompression contexts");
        Assert.Equal(wide, read);
    }

    [Fact]
    public async Task Readers_and_writers_on_many_threads_share_the_contexts_without_mixing_their_pages()
    {
        // Coverage of the shared pools under contention: every file read back must be the rows written to it, with
        // contexts passing between threads page after page. It passed on the per-column contexts too.
        var options = new ParquetWriteOptions { Compression = ParquetCompression.Zstd, RowGroupSize = 3_000, PageSize = 8 * 1024 };
        Measurement[][] tables = [.. Enumerable.Range(0, 6).Select(t => Enumerable.Range(0, 9_000).Select(i => new Measurement(i * (t + 1), $"sensor-{t}-{i % (50 * (t + 1))}", i % 7 == 0 ? null : i * 0.25 + t)).ToArray())];
        TempFile[] files = [.. tables.Select(_ => new TempFile())];
        try
        {
            await Task.WhenAll(tables.Select((rows, t) => Task.Run(() => WriteAsync(files[t].Path, rows, options))));

            // Each round reads half the files while writing the other half again, on separate threads.
            for (int round = 0; round < 2; round++)
            {
                Task[] work = [.. tables.Select((rows, t) => (t + round) % 2 == 0
                    ? Task.Run(() => Assert.Equal(rows, ParquetFiles.ReadAll(new ParquetSource<Measurement>(files[t].Path))))
                    : Task.Run(() => WriteAsync(files[t].Path, rows, options)))];
                await Task.WhenAll(work);
            }

            for (int t = 0; t < tables.Length; t++)
            {
                Assert.Equal(tables[t], ParquetFiles.ReadAll(new ParquetSource<Measurement>(files[t].Path)));
            }
        }
        finally
        {
            foreach (TempFile file in files)
            {
                file.Dispose();
            }
        }
    }

    private static async Task WriteAsync<T>(string path, T[] rows, ParquetWriteOptions options)
        where T : IStreamingRow<T>
    {
        await using ParquetDatasetWriter<T> writer = await ParquetDatasetWriter<T>.CreateAsync(path, options);
        await writer.WriteAsync(rows);
    }
}
