using ParquetSharp;

namespace Alimentar.IntegrationTests;

/// <summary>What the page-level reader promises beyond decoding values: memory set by the batch, page checksums, release of what it holds.</summary>
public sealed class PageReaderTests
{
    [Fact]
    public void A_huge_row_group_streams_with_memory_set_by_the_batch_not_the_row_group()
    {
        const int rows = 1_000_000;
        (long onePeak, int largest) = Stream(rows, rowGroupSize: rows);
        (long eightPeak, _) = Stream(rows, rowGroupSize: rows / 8);

        // The row group decodes to about 1M × (8 + 9 + 2 × 12) bytes = 41 MB. What is held at once is a few
        // batches plus, per column, a window, a page and a dictionary (Arrow caps those at 1 MB): the same
        // whether the file has one row group or eight.
        Assert.Equal(4_096, largest);
        Assert.InRange(onePeak, 1, 12 * 1_048_576);
        Assert.True(onePeak < eightPeak * 1.5, $"one row group peaked at {onePeak:N0} bytes, eight at {eightPeak:N0}");

        static (long Peak, int Largest) Stream(int rows, int rowGroupSize)
        {
            using var file = new TempFile();
            WriteFile(file.Path, rows, rowGroupSize);
            var pool = new ColumnBufferPool();
            using var streaming = new StreamingDataset<Wide>(new ParquetSource<Wide>(file.Path).BatchSize(4_096).WithBufferPool(pool), bufferSize: 2)
                .WithMemoryTracking(true);
            long count = 0;
            int largest = 0;
            foreach (Batch<Wide> batch in streaming)
            {
                using (batch)
                {
                    count += batch.Count;
                    largest = Math.Max(largest, batch.Count);
                }
            }

            Assert.Equal(rows, count);
            Assert.Equal(0, streaming.CurrentMemory);
            Assert.Equal(0, pool.OutstandingBuffers);
            return (streaming.PeakMemory, largest);
        }
    }

    [Fact]
    public void Page_readers_count_their_buffers_in_tracked_memory()
    {
        using var file = new TempFile();
        WriteFile(file.Path, 200_000, 200_000);
        using var small = new StreamingDataset<Wide>(new ParquetSource<Wide>(file.Path).BatchSize(64).DecodeAhead(0), bufferSize: 1).WithMemoryTracking(true);
        long batchBytes = 0;
        foreach (Batch<Wide> batch in small)
        {
            using (batch)
            {
                batchBytes = Math.Max(batchBytes, batch.SizeInBytes);
            }
        }

        // Two batches of 64 rows are a few KB; the peak also holds a window and a page for each of four columns.
        Assert.True(small.PeakMemory > 4 * batchBytes + 64 * 1024, $"peak {small.PeakMemory} bytes for batches of {batchBytes}");
        Assert.Equal(0, small.CurrentMemory);
    }

    [Fact]
    public void Page_readers_under_a_user_s_own_wrapper_source_still_count_their_buffers()
    {
        // The pass's memory reaches the page readers without passing through IBatchSource's signature, so a
        // source a user writes around a ParquetSource neither has to forward it nor can lose it.
        using var file = new TempFile();
        WriteFile(file.Path, 200_000, 200_000);
        var wrapped = new CountingWrapper<Wide>(new ParquetSource<Wide>(file.Path).BatchSize(64).DecodeAhead(0));
        using var streaming = new StreamingDataset<Wide>(wrapped, bufferSize: 1).WithMemoryTracking(true);
        long batchBytes = 0;
        foreach (Batch<Wide> batch in streaming)
        {
            using (batch)
            {
                batchBytes = Math.Max(batchBytes, batch.SizeInBytes);
            }
        }

        Assert.True(wrapped.Batches > 3_000);
        Assert.True(streaming.PeakMemory > 4 * batchBytes + 64 * 1024, $"peak {streaming.PeakMemory} bytes for batches of {batchBytes}");
        Assert.Equal(0, streaming.CurrentMemory);
    }

    /// <summary>A source as a user would write one: it counts the batches of the source it wraps and knows nothing of memory tracking.</summary>
    private sealed class CountingWrapper<T>(IBatchSource<T> inner) : IBatchSource<T>
        where T : IStreamingRow<T>
    {
        public int Batches { get; private set; }

        public async IAsyncEnumerable<Batch<T>> ReadBatchesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (Batch<T> batch in inner.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
            {
                Batches++;
                yield return batch;
            }
        }
    }

    [Fact]
    public void A_byte_budget_counts_what_the_page_readers_hold()
    {
        using var file = new TempFile();
        WriteFile(file.Path, 200_000, 200_000);
        (long twoAhead, long batchBytes) = Peak(bufferSize: 2, budget: 0);

        // Ten batches' worth of budget: counting batches alone, 32 places would fill to ten; counting the page
        // readers' megabytes too, the budget is spent already and the producer stays a batch ahead.
        (long budgeted, _) = Peak(bufferSize: 32, budget: 10 * batchBytes);

        Assert.True(budgeted <= twoAhead + 2 * batchBytes, $"with the budget {budgeted:N0} bytes, two ahead {twoAhead:N0}, batches of {batchBytes:N0}");

        (long Peak, long BatchBytes) Peak(int bufferSize, long budget)
        {
            var source = new ParquetSource<Wide>(file.Path).BatchSize(1_024).DecodeAhead(0);
            using var streaming = new StreamingDataset<Wide>(source, bufferSize).WithMemoryTracking(true);
            if (budget > 0)
            {
                streaming.WithMemoryBudget(budget);
            }

            long largest = 0;
            foreach (Batch<Wide> batch in streaming)
            {
                using (batch)
                {
                    largest = Math.Max(largest, batch.SizeInBytes);
                    Thread.Sleep(1);
                }
            }

            return (streaming.PeakMemory, largest);
        }
    }

    [Fact]
    public void A_page_that_fails_its_checksum_is_an_error_naming_file_column_and_page_unless_checks_are_off()
    {
        string path = TestCorpus.File("datapage_v1-corrupt-checksum.parquet");

        var error = Assert.Throws<CorruptParquetFileException>(() => ParquetFiles.ReadAll(new ParquetSource<TwoInts>(path)));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("CRC", error.Message, StringComparison.Ordinal);
        Assert.Matches("column '[ab]'", error.Message);
        Assert.Contains("page ", error.Message, StringComparison.Ordinal);
        Assert.Equal(5_120, ParquetFiles.ReadAll(new ParquetSource<TwoInts>(path).VerifyPageChecksums(false)).Count);
    }

    [Fact]
    public void Pages_with_valid_checksums_stream()
    {
        List<TwoInts> rows = ParquetFiles.ReadAll(new ParquetSource<TwoInts>(TestCorpus.File("datapage_v1-snappy-compressed-checksum.parquet")));

        Assert.Equal(5_120, rows.Count);
    }

    private static void WriteFile(string path, int rows, int rowGroupSize)
    {
        var columns = new Column[] { new Column<long>("Id"), new Column<double?>("Value"), new Column<string>("Label", LogicalType.String()), new Column<string?>("Note", LogicalType.String()) };
        using WriterProperties properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).DataPagesize(64 * 1024).MaxRowGroupLength(rowGroupSize).Build();
        using var writer = new ParquetFileWriter(path, columns, properties);
        for (int start = 0; start < rows; start += rowGroupSize)
        {
            int[] range = Enumerable.Range(start, Math.Min(rowGroupSize, rows - start)).ToArray();
            using RowGroupWriter rowGroup = writer.AppendRowGroup();
            using (var ids = rowGroup.NextColumn().LogicalWriter<long>())
            {
                ids.WriteBatch(range.Select(i => (long)i).ToArray());
            }

            using (var values = rowGroup.NextColumn().LogicalWriter<double?>())
            {
                values.WriteBatch(range.Select(i => i % 5 == 0 ? (double?)null : i * 0.5).ToArray());
            }

            using (var labels = rowGroup.NextColumn().LogicalWriter<string>())
            {
                labels.WriteBatch(range.Select(i => $"label-{i % 100}").ToArray());
            }

            using (var notes = rowGroup.NextColumn().LogicalWriter<string?>())
            {
                notes.WriteBatch(range.Select(i => i % 3 == 0 ? null : $"note {i}").ToArray());
            }
        }

        writer.Close();
    }
}

[StreamingDataset]
public partial record Wide(long Id, double? Value, string Label, string? Note);
