using DuckDB.NET.Data;

namespace Alimentar.IntegrationTests;

/// <summary>List members read through their flat batch accessor: offsets and elements as the file holds them, no array per row.</summary>
public sealed class ListColumnTests
{
    [Fact]
    public async Task A_batch_list_accessor_is_flat_offsets_and_values_equal_to_the_rows()
    {
        Basket[] baskets = Enumerable.Range(0, 250).Select(ListTests.Make).ToArray();
        using var file = new TempFile();
        await ParquetDatasetWriter<Basket>.WriteFileAsync(file.Path, baskets, rowGroupSize: 100);

        int row = 0;
        using var streaming = new StreamingDataset<Basket>(new ParquetSource<Basket>(file.Path).BatchSize(30), 2);
        foreach (Batch<Basket> batch in streaming)
        {
            using (batch)
            {
                ListColumn<int> quantities = batch.Quantities;
                ListColumn<double?> prices = batch.Prices;
                Assert.Equal(batch.Count, quantities.Count);
                Assert.Equal(0, quantities.Offsets[0]);
                Assert.Equal(quantities.Values.Length, quantities.Offsets[batch.Count]);
                Assert.Equal(baskets.Skip(row).Take(batch.Count).SelectMany(b => b.Quantities), quantities.Values.ToArray());
                for (int i = 0; i < batch.Count; i++)
                {
                    Basket expected = baskets[row + i];
                    Assert.Equal(expected.Quantities, quantities[i].ToArray());
                    Assert.Equal(expected.Prices is null, prices.IsNull(i));
                    Assert.Equal(expected.Prices ?? [], prices[i].ToArray());
                    Assert.Equal(expected.Tags, batch.Tags[i].ToArray());
                }

                row += batch.Count;
            }
        }

        Assert.Equal(baskets.Length, row);
    }

    [Fact]
    public void Lists_of_binary_values_written_by_DuckDB_read_flat_and_as_rows()
    {
        using var file = new TempFile();
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            DuckDbDifferentialTests.Write(connection, """
                SELECT i AS id,
                       CASE WHEN i % 5 = 0 THEN NULL
                            WHEN i % 5 = 1 THEN []::BLOB[]
                            ELSE [encode('a' || i), NULL, encode(repeat('b', i % 7))] END AS blobs
                FROM range(3000) t(i)
                """, file.Path, "ROW_GROUP_SIZE 1000");
        }

        List<BlobLists> rows = ParquetFiles.ReadAll(new ParquetSource<BlobLists>(file.Path).BatchSize(700));

        Assert.Equal(3000, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            byte[]?[]? expected = (i % 5) switch
            {
                0 => null,
                1 => [],
                _ => [System.Text.Encoding.UTF8.GetBytes("a" + i), null, System.Text.Encoding.UTF8.GetBytes(new string('b', i % 7))],
            };
            Assert.Equal(i, rows[i].Id);
            Assert.Equal(expected, rows[i].Blobs);
        }

        using var streaming = new StreamingDataset<BlobLists>(new ParquetSource<BlobLists>(file.Path).BatchSize(700), 2);
        Batch<BlobLists> first = streaming.First();
        ListColumn<byte[]?> blobs = first.Blobs;
        Assert.True(blobs.IsNull(0));
        Assert.Equal(0, blobs.LengthOf(1));
        Assert.Equal(3, blobs.LengthOf(2));
        Assert.Equal("a2"u8.ToArray(), blobs[2][0]);
        first.Dispose();
    }

    [Fact]
    public async Task A_list_of_binary_values_in_a_file_shows_in_the_untyped_scan()
    {
        using var file = new TempFile();
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            DuckDbDifferentialTests.Write(connection, "SELECT [encode('x'), NULL]::BLOB[] AS blobs", file.Path, "COMPRESSION 'uncompressed'");
        }

        ParquetScan scan = await ParquetFileInfo.ScanAsync(file.Path, headRows: 1);

        var lists = Assert.IsType<byte[]?[]>(Assert.Single(scan.Head)[0]);
        Assert.Equal(["x"u8.ToArray(), null], lists);
    }

    [Fact]
    public void Batches_of_long_lists_are_capped_by_bytes_as_well_as_rows()
    {
        using var file = new TempFile();
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            DuckDbDifferentialTests.Write(connection, "SELECT i::BIGINT AS id, list_transform(range(1000), j -> (i + j)::INTEGER) AS tokens FROM range(2000) t(i)", file.Path, "ROW_GROUP_SIZE 2000");
        }

        int[] bySize = BatchCounts(new ParquetSource<TokenRow>(file.Path).BatchSize(1000).BatchBytes(400_000));
        int[] byRows = BatchCounts(new ParquetSource<TokenRow>(file.Path).BatchSize(1000).BatchBytes(long.MaxValue));

        Assert.Equal(2000, bySize.Sum());
        Assert.All(bySize, count => Assert.InRange(count, 1, 100));
        Assert.Equal([1000, 1000], byRows);
        Assert.Equal(ParquetSource<TokenRow>.DefaultBatchBytes, new ParquetSource<TokenRow>(file.Path).Options.BatchBytes);

        static int[] BatchCounts(ParquetSource<TokenRow> source)
        {
            using var streaming = new StreamingDataset<TokenRow>(source, 2);
            var counts = new List<int>();
            foreach (Batch<TokenRow> batch in streaming)
            {
                using (batch)
                {
                    counts.Add(batch.Count);
                    Assert.Equal(batch[0].Id, batch.Tokens[0][0]);
                }
            }

            return [.. counts];
        }
    }

    [Fact]
    public async Task Records_and_maps_are_batched_by_the_objects_they_build_and_flat_lists_by_their_bytes()
    {
        // A batch's records, maps and inner lists are objects built when it is decoded and traced by the collector
        // while it waits, as its strings are: they are held near a sixteenth of BatchBytes. A one-level list of
        // numbers stays flat in the batch, so the same bytes of it fill a batch of the full row count.
        const int rows = 40_000;
        using var records = new TempFile();
        using var flat = new TempFile();
        await ParquetDatasetWriter<Tracked>.WriteFileAsync(records.Path, Enumerable.Range(0, rows).Select(Tracked.Make), rowGroupSize: rows);
        await ParquetDatasetWriter<FlatTracked>.WriteFileAsync(flat.Path, Enumerable.Range(0, rows).Select(i => new FlatTracked(i, [i, i + 1, i + 2, i + 3], [i, i + 1, i + 2])), rowGroupSize: rows);

        int[] recordBatches = Counts(new ParquetSource<Tracked>(records.Path));
        int[] flatBatches = Counts(new ParquetSource<FlatTracked>(flat.Path));

        Assert.Equal(rows, recordBatches.Sum());
        Assert.All(recordBatches, count => Assert.InRange(count, 1, ParquetSource<Tracked>.DefaultBatchSize / 2));
        Assert.Equal(rows, flatBatches.Sum());
        Assert.Equal(ParquetSource<FlatTracked>.DefaultBatchSize, flatBatches[0]);

        static int[] Counts<TRow>(ParquetSource<TRow> source)
            where TRow : IStreamingRow<TRow>
        {
            using var streaming = new StreamingDataset<TRow>(source, 2);
            var counts = new List<int>();
            foreach (Batch<TRow> batch in streaming)
            {
                using (batch)
                {
                    counts.Add(batch.Count);
                }
            }

            return [.. counts];
        }
    }

    [Fact]
    public async Task Memory_sources_and_shuffled_batches_keep_list_rows_whole()
    {
        Basket[] baskets = Enumerable.Range(0, 120).Select(ListTests.Make).ToArray();
        var source = new MemorySource<Basket>(baskets, batchSize: 16);
        using var streaming = new StreamingDataset<Basket>(source, 4).WithShuffle(seed: 3, windowRows: 50, lanes: 2);

        var read = new List<Basket>();
        await foreach (Batch<Basket> batch in streaming.ReadAllAsync())
        {
            using (batch)
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    Assert.Equal(batch[i].Quantities, batch.Quantities[i].ToArray());
                    read.Add(batch[i]);
                }
            }
        }

        Assert.Equal(baskets.Select(b => b.Id).Order(), read.Select(b => b.Id).Order());
        Assert.All(read, b => Assert.Equal(ListTests.Make((int)b.Id).Quantities, b.Quantities));
    }
}

[StreamingDataset]
public partial record BlobLists(long Id, byte[]?[]? Blobs);

[StreamingDataset]
public partial record TokenRow(long Id, int[] Tokens);
