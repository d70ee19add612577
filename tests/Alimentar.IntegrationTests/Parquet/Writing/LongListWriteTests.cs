namespace Alimentar.IntegrationTests;

/// <summary>
/// Rows whose lists are long (token ids, embeddings of documents) are written in slices of bounded bytes, not of a
/// fixed number of rows, and a row group's pages wait in pooled segments: a warm write allocates a small part of what
/// it writes, from rows and from batches alike, and the file holds every value. Process-wide allocation counts see
/// every thread, so these tests run alone, and each takes the least of three writes.
/// </summary>
[Collection(ProcessWideCountersCollection.Name)]
public sealed class LongListWriteTests
{
    private const int Rows = 1_000;
    private const int ListLength = 30_000;
    private const long ValueBytes = (long)Rows * ListLength * sizeof(int);

    [Fact]
    public async Task Rows_of_long_lists_are_written_allocating_a_small_part_of_their_bytes()
    {
        LongListRow[] rows = Enumerable.Range(0, Rows).Select(LongListRow.Make).ToArray();
        using var warm = new TempFile();
        using var measured = new TempFile();

        await WriteAsync(warm.Path, rows);
        long allocated = await ProcessAllocations.LeastAsync(3, () => WriteAsync(measured.Path, rows));

        // A slice of 65,536 such rows held the whole file's values, and its value and level arrays were allocated
        // anew for every slice: three times the values' bytes.
        Assert.True(allocated < ValueBytes / 8, $"Writing {ValueBytes:N0} bytes of list values allocated {allocated:N0} bytes.");
        AssertHoldsEveryRow(measured.Path);
    }

    [Fact]
    public async Task Batches_of_long_lists_are_written_allocating_a_small_part_of_their_bytes()
    {
        using var source = new TempFile();
        await WriteAsync(source.Path, Enumerable.Range(0, Rows).Select(LongListRow.Make));
        using var warm = new TempFile();
        using var measured = new TempFile();

        using var streaming = new StreamingDataset<LongListRow>(new ParquetSource<LongListRow>(source.Path).BatchSize(Rows));
        using Batch<LongListRow> batch = Assert.Single(streaming.ToList());
        await WriteBatchAsync(warm.Path, batch);
        long allocated = await ProcessAllocations.LeastAsync(3, () => WriteBatchAsync(measured.Path, batch));

        Assert.True(allocated < ValueBytes / 8, $"Writing a batch of {ValueBytes:N0} bytes of list values allocated {allocated:N0} bytes.");
        AssertHoldsEveryRow(measured.Path);
    }

    private static async Task WriteAsync(string path, IEnumerable<LongListRow> rows)
    {
        await using ParquetDatasetWriter<LongListRow> writer = await ParquetDatasetWriter<LongListRow>.CreateAsync(path);
        await writer.WriteAsync(rows);
    }

    private static async Task WriteBatchAsync(string path, Batch<LongListRow> batch)
    {
        await using ParquetDatasetWriter<LongListRow> writer = await ParquetDatasetWriter<LongListRow>.CreateAsync(path);
        await writer.WriteAsync(batch);
    }

    private static void AssertHoldsEveryRow(string path)
    {
        int row = 0;
        foreach (LongListRow read in ParquetFiles.ReadAll(new ParquetSource<LongListRow>(path).BatchSize(100)))
        {
            LongListRow expected = LongListRow.Make(row++);
            Assert.Equal(expected.Id, read.Id);
            Assert.True(expected.Values.AsSpan().SequenceEqual(read.Values), $"Row {expected.Id} differs.");
        }

        Assert.Equal(Rows, row);
    }
}

[StreamingDataset]
public partial record LongListRow(long Id, int[] Values)
{
    // Values a dictionary cannot hold and deltas pack in a few bits each, so pages stay near the values' size.
    public static LongListRow Make(int id) => new(id, Enumerable.Range(0, 30_000).Select(i => (id * 7919) + (i * 31) + (i % 13)).ToArray());
}
