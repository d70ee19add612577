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

    private static async Task WriteAsync(string path, WideMeasurement[] rows, ParquetWriteOptions options)
    {
        await using ParquetDatasetWriter<WideMeasurement> writer = await ParquetDatasetWriter<WideMeasurement>.CreateAsync(path, options);
        await writer.WriteAsync(rows);
    }
}
