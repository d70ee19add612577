namespace Alimentar.IntegrationTests;

public sealed class ParquetSourceTests
{
    [Fact]
    public async Task A_seekable_stream_streams_like_a_path_and_stays_open()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 10).Select(i => new Measurement(i, "s", i)), rowGroupSize: 4);
        await using FileStream stream = File.OpenRead(file.Path);

        var source = new ParquetSource<Measurement>(stream, "measurements");
        List<Measurement> first = ParquetFiles.ReadAll(source);
        List<Measurement> second = ParquetFiles.ReadAll(source);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), first.Select(r => r.Id));
        Assert.Equal(first, second);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public async Task Planning_over_a_stream_while_a_pass_reads_it_moves_no_position_under_the_pass()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 20_000).Select(i => new Measurement(i, $"s{i % 7}", i)), rowGroupSize: 500);
        for (int attempt = 0; attempt < 20; attempt++)
        {
            await using FileStream stream = File.OpenRead(file.Path);
            var source = new ParquetSource<Measurement>(stream, "measurements").BatchSize(100);
            using var streaming = new StreamingDataset<Measurement>(source, bufferSize: 8);
            var ids = new List<long>();
            foreach (Batch<Measurement> batch in streaming)
            {
                using (batch)
                {
                    if (ids.Count == 0)
                    {
                        // The first count reads the footer through the stream the producer is reading pages from.
                        Assert.Equal(20_000, streaming.TotalRows);
                    }

                    ids.AddRange(batch.Id.ToArray());
                }
            }

            Assert.Equal(Enumerable.Range(0, 20_000).Select(i => (long)i), ids);
        }
    }

    [Fact]
    public async Task Two_datasets_over_one_path_stream_at_the_same_time()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 100).Select(i => new Measurement(i, "s", i)), rowGroupSize: 10);
        var source = new ParquetSource<Measurement>(file.Path);
        using var left = new StreamingDataset<Measurement>(source, bufferSize: 1);
        using var right = new StreamingDataset<Measurement>(source, bufferSize: 1);

        using IEnumerator<Measurement> a = left.Rows().GetEnumerator();
        using IEnumerator<Measurement> b = right.Rows().GetEnumerator();
        var ids = new List<(long, long)>();
        while (a.MoveNext() && b.MoveNext())
        {
            ids.Add((a.Current.Id, b.Current.Id));
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => ((long)i, (long)i)), ids);
    }

    [Fact]
    public async Task Batch_positions_name_the_file_row_group_and_offset()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 7).Select(i => new Measurement(i, "s", i)), rowGroupSize: 4);
        using var streaming = new StreamingDataset<Measurement>(new ParquetSource<Measurement>(file.Path).BatchSize(3), bufferSize: 2);

        BatchPosition[] positions = streaming.Select(b => { using (b) { return b.Position; } }).ToArray();

        // Row groups of 4 and 3 rows, cut into batches of at most 3 that never cross a row group.
        Assert.Equal([new(file.Path, 0, 0), new(file.Path, 0, 3), new(file.Path, 1, 0)], positions);
    }

    [Fact]
    public async Task Disposing_every_batch_returns_every_pooled_buffer()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 50).Select(i => new Measurement(i, "s", i)), rowGroupSize: 10);
        var pool = new ColumnBufferPool();
        using var streaming = new StreamingDataset<Measurement>(new ParquetSource<Measurement>(file.Path).BatchSize(4).WithBufferPool(pool), bufferSize: 2);

        Assert.Equal(50, streaming.Rows().Count());
        Assert.Equal(0, pool.OutstandingBuffers);
        Assert.True(pool.RentedBuffers > 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Decoding_ahead_keeps_row_groups_in_order_and_returns_every_buffer(int ahead)
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 1_000).Select(i => new Measurement(i, $"s{i % 7}", i)), rowGroupSize: 90);
        var pool = new ColumnBufferPool();
        var source = new ParquetSource<Measurement>(file.Path).BatchSize(40).DecodeAhead(ahead).WithBufferPool(pool);

        // Read directly, outside any dataset: the source's own decode-ahead is what runs.
        var ids = new List<long>();
        await foreach (Batch<Measurement> batch in source.ReadBatchesAsync())
        {
            using (batch)
            {
                ids.AddRange(batch.Id.ToArray());
            }
        }

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (long)i), ids);
        Assert.Equal(0, pool.OutstandingBuffers);
        Assert.Equal(ahead, source.Options.DecodeAhead);
    }

    [Fact]
    public async Task Abandoning_a_direct_read_while_row_groups_decode_ahead_returns_every_buffer()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 1_000).Select(i => new Measurement(i, "s", i)), rowGroupSize: 50);
        var pool = new ColumnBufferPool();
        await using (IAsyncEnumerator<Batch<Measurement>> batches = new ParquetSource<Measurement>(file.Path).DecodeAhead(2).WithBufferPool(pool).ReadBatchesAsync().GetAsyncEnumerator())
        {
            Assert.True(await batches.MoveNextAsync());
            batches.Current.Dispose();
        }

        Assert.Equal(0, pool.OutstandingBuffers);
    }

    [Fact]
    public async Task Abandoning_a_dataset_pass_returns_every_buffer()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 1_000).Select(i => new Measurement(i, "s", i)), rowGroupSize: 50);
        var pool = new ColumnBufferPool();
        using (var streaming = new StreamingDataset<Measurement>(new ParquetSource<Measurement>(file.Path).DecodeAhead(2).WithBufferPool(pool), bufferSize: 2))
        {
            Batch<Measurement> first = streaming.First();
            first.Dispose();
        }

        Assert.Equal(0, pool.OutstandingBuffers);
    }

    /// <summary>
    /// One pump per pass: under a dataset the source decodes on the dataset's producer, whose buffer is the
    /// decode-ahead, so a stalled consumer holds its batch, the buffer's and at most the one being decoded, and
    /// none of the source's own <c>DecodeAhead</c> batches.
    /// </summary>
    [Fact]
    public async Task Under_a_dataset_a_source_holds_no_batches_of_its_own_ahead()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 2_000).Select(i => new Measurement(i, $"s{i}", i)), rowGroupSize: 1_000);
        var pool = new ColumnBufferPool();
        var source = new ParquetSource<Measurement>(file.Path).BatchSize(20).DecodeAhead(6).WithBufferPool(pool);
        long perBatch;
        await using (IAsyncEnumerator<Batch<Measurement>> one = new ParquetSource<Measurement>(file.Path).BatchSize(20).DecodeAhead(0).WithBufferPool(pool).ReadBatchesAsync().GetAsyncEnumerator())
        {
            Assert.True(await one.MoveNextAsync());
            perBatch = pool.OutstandingBuffers;
            one.Current.Dispose();
        }

        using var streaming = new StreamingDataset<Measurement>(source, bufferSize: 1);
        using IEnumerator<Batch<Measurement>> batches = streaming.GetEnumerator();
        Assert.True(batches.MoveNext());
        long held = await SettledAsync(() => pool.OutstandingBuffers);

        Assert.True(held <= 3 * perBatch, $"{held} buffers held with {perBatch} a batch: more than the consumer's, the buffer's and one being decoded");
        batches.Current.Dispose();
    }

    /// <summary>The value once it has not changed for a while: what a producer holds once it waits for room.</summary>
    private static async Task<long> SettledAsync(Func<long> read)
    {
        long last = read();
        for (int still = 0, polls = 0; still < 10 && polls < 500; polls++)
        {
            await Task.Delay(20);
            long now = read();
            still = now == last ? still + 1 : 0;
            last = now;
        }

        return last;
    }

    [Fact]
    public async Task A_partitioned_directory_streams_every_file_in_path_order()
    {
        string directory = Directory.CreateTempSubdirectory("alimentar-partitions-").FullName;
        try
        {
            for (int part = 0; part < 3; part++)
            {
                string partition = Path.Combine(directory, $"day={part}");
                Directory.CreateDirectory(partition);
                await ParquetDatasetWriter<Measurement>.WriteFileAsync(
                    Path.Combine(partition, "part-00000.parquet"), Enumerable.Range(part * 10, 10).Select(i => new Measurement(i, $"p{part}", i)));
            }

            File.WriteAllText(Path.Combine(directory, "_SUCCESS"), string.Empty);
            IBatchSource<Measurement> source = ParquetSource<Measurement>.FromDirectory(directory, configure: s => s.BatchSize(4));

            Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), ParquetFiles.ReadAll(source).Select(r => r.Id));
            Assert.Throws<SourceUnavailableException>(() => ParquetSource<Measurement>.FromDirectory(Path.Combine(directory, "day=0"), "*.csv"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Configuring_a_source_on_its_own_line_takes_effect()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 100).Select(i => new Measurement(i, "s", i)));
        var source = new ParquetSource<Measurement>(file.Path);

        source.BatchSize(10);
        source.DecodeAhead(0);

        using var streaming = new StreamingDataset<Measurement>(source, bufferSize: 2);
        Assert.All(streaming, batch => { using (batch) { Assert.Equal(10, batch.Count); } });
        Assert.Equal(0, source.Options.DecodeAhead);
    }
}
