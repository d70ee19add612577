namespace Alimentar.IntegrationTests;

/// <summary>Shards and seeded orders over a directory of Parquet files, planned from their footers.</summary>
public sealed class ShardedParquetTests
{
    [Theory]
    [InlineData(3, null)]
    [InlineData(4, 7)]
    public async Task Ranks_of_a_partitioned_directory_read_disjoint_equal_shares(int world, int? seed)
    {
        string directory = Directory.CreateTempSubdirectory("alimentar-shards-").FullName;
        try
        {
            int id = 0;
            foreach ((int rows, int rowGroup) in new[] { (1_000, 300), (250, 100), (777, 777), (1_203, 128) })
            {
                await ParquetDatasetWriter<Measurement>.WriteFileAsync(
                    Path.Combine(directory, $"part-{id:D6}.parquet"), Enumerable.Range(id, rows).Select(i => new Measurement(i, $"s{i % 5}", i)), rowGroup);
                id += rows;
            }

            var seen = new HashSet<long>();
            for (int rank = 0; rank < world; rank++)
            {
                IBatchSource<Measurement> source = ParquetSource<Measurement>.FromDirectory(directory, configure: s => s.BatchSize(64));
                using var streaming = new StreamingDataset<Measurement>(source, 4).WithShard(rank, world).WithEpoch(2);
                if (seed is { } s)
                {
                    streaming.WithShuffle(s);
                }

                long[] ids = streaming.Rows().Select(m => m.Id).ToArray();
                Assert.Equal(id / world, ids.Length);
                Assert.Equal(ids.Length, streaming.TotalRows);
                Assert.All(ids, i => Assert.True(seen.Add(i), $"id {i} reached two ranks"));
            }

            Assert.InRange(id - seen.Count, 0, world - 1);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Resuming_a_sharded_shuffled_parquet_pass_mid_row_group_continues_with_the_next_row()
    {
        string directory = Directory.CreateTempSubdirectory("alimentar-resume-").FullName;
        try
        {
            for (int part = 0; part < 3; part++)
            {
                await ParquetDatasetWriter<Measurement>.WriteFileAsync(
                    Path.Combine(directory, $"part-{part}.parquet"), Enumerable.Range(part * 1_000, 1_000).Select(i => new Measurement(i, "s", i)), rowGroupSize: 250);
            }

            StreamingDataset<Measurement> Configure() =>
                new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(directory, configure: s => s.BatchSize(100)), 4)
                    .WithShard(1, 2).WithShuffle(11).WithEpoch(4);

            long[] full;
            using (StreamingDataset<Measurement> uninterrupted = Configure())
            {
                full = uninterrupted.Rows().Select(m => m.Id).ToArray();
            }

            var before = new List<long>();
            byte[] checkpoint;
            using (StreamingDataset<Measurement> interrupted = Configure())
            using (IEnumerator<Measurement> rows = interrupted.Rows().GetEnumerator())
            {
                while (before.Count < 777 && rows.MoveNext())
                {
                    before.Add(rows.Current.Id);
                }

                checkpoint = interrupted.GetState().ToBytes();
            }

            using StreamingDataset<Measurement> resumed = Configure().ResumeFrom(StreamingState.FromBytes(checkpoint));
            Assert.Equal(full, before.Concat(resumed.Rows().Select(m => m.Id)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_shuffle_mixes_rows_of_many_row_groups_from_the_first_rows_on()
    {
        using var file = new TempFile();
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(file.Path, Enumerable.Range(0, 100_000).Select(i => new Measurement(i, "s", i)), rowGroupSize: 5_000);
        using var streaming = new StreamingDataset<Measurement>(new ParquetSource<Measurement>(file.Path), 4).WithShuffle(2026);

        long[] ids = streaming.Rows().Select(m => m.Id).ToArray();

        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => (long)i), ids.Order());
        int rowGroupsInFirstRows = ids.Take(3_000).Select(id => id / 5_000).Distinct().Count();
        Assert.True(rowGroupsInFirstRows >= StreamingDataset<Measurement>.DefaultShuffleLanes, $"the first 3,000 rows come from {rowGroupsInFirstRows} row groups");
        double ascending = ids.Zip(ids.Skip(1)).Count(pair => pair.First < pair.Second) / (double)(ids.Length - 1);
        Assert.InRange(ascending, 0.45, 0.55);
    }

    [Fact]
    public async Task A_shuffled_pass_hands_out_batches_of_the_sources_batch_size()
    {
        string directory = Directory.CreateTempSubdirectory("alimentar-shuffle-batches-").FullName;
        try
        {
            await ParquetDatasetWriter<Measurement>.WriteFileAsync(
                Path.Combine(directory, "part-000000.parquet"), Enumerable.Range(0, 5_000).Select(i => new Measurement(i, "s", i)), 1_000);
            using var streaming = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(directory, configure: s => s.BatchSize(300)), 4)
                .WithShuffle(7, windowRows: 2_000, lanes: 2);

            int[] sizes = streaming.Select(batch => { using (batch) { return batch.Count; } }).ToArray();

            Assert.Equal(5_000, sizes.Sum());
            Assert.All(sizes, size => Assert.InRange(size, 1, 300));
            Assert.True(sizes.Count(size => size == 300) >= 5_000 / 300 - 3, string.Join(",", sizes));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_resume_inside_a_row_group_seeks_by_its_offset_index_and_reads_only_the_pages_from_there()
    {
        using var file = new TempFile();
        ParquetSharpDifferentialTests.Write(file.Path, ParquetSharp.ParquetDataPageVersion.V1, "plain", ParquetSharp.Compression.Snappy, rows: 10_000, pageIndex: true);
        long[] all = ParquetFiles.ReadAll(new ParquetSource<SharpRow>(file.Path)).Select(r => r.Id).ToArray();

        (long[] Ids, long Bytes) ResumeAt(long row)
        {
            using var stream = new CountingStream(File.OpenRead(file.Path));
            using var streaming = new StreamingDataset<SharpRow>(new ParquetSource<SharpRow>(stream, "counted").BatchSize(100), 2);
            streaming.ResumeFrom(streaming.GetState() with { RowsConsumed = row });
            return (streaming.Rows().Select(r => r.Id).ToArray(), stream.BytesRead);
        }

        // Row groups of 2,500 rows: 2,500 starts the second one, 4,200 lies 1,700 rows into it.
        (long[] fromGroup, long groupBytes) = ResumeAt(2_500);
        (long[] fromMiddle, long middleBytes) = ResumeAt(4_200);

        Assert.Equal(all.Skip(2_500), fromGroup);
        Assert.Equal(all.Skip(4_200), fromMiddle);
        Assert.True(middleBytes < groupBytes - 20_000, $"resuming 1,700 rows into the row group read {middleBytes:N0} bytes, from its start {groupBytes:N0}");
    }
}
