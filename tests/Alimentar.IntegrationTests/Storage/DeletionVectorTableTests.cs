using System.Text.Json;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record DeltaValue(int? Value);

[StreamingDataset]
public partial record DeltaPerson(long? Id, string? Name);

/// <summary>
/// Delta Lake tables whose deletes left deletion vectors: the rows they delete are not read, in tables Databricks
/// Runtime wrote (<c>tests/data/delta</c>, see its README) and in tables built here with every kind of vector.
/// </summary>
public sealed class DeletionVectorTableTests : IDisposable
{
    private readonly TempDirectory _table = new();

    public void Dispose() => _table.Dispose();

    [Fact]
    public void Databricks_s_table_reads_the_rows_its_delete_left()
    {
        string table = Path.Combine(DeltaTables.Root, "table-with-dv-small");

        // The log's commit 1: DELETE WHERE value IN (0, 9), as a vector over the one file's rows.
        int[] expected = [.. FileColumn(table, "value").Select(v => v.GetInt32()).Where(v => v is not (0 or 9))];
        List<DeltaValue> rows = ParquetFiles.ReadAll(ParquetSource<DeltaValue>.FromDirectory(table));

        Assert.Equal(8, expected.Length);
        Assert.Equal(expected, rows.Select(r => r.Value!.Value));
    }

    [Fact]
    public void Databricks_s_checkpointed_table_reads_the_rows_its_two_deletes_left_from_a_folder_and_a_store()
    {
        string table = Path.Combine(DeltaTables.Root, "table_with_deletion_logs");

        // Commits 3 and 4: DELETE WHERE id = 12, then id = 89 (a new vector replacing the first); checkpoint 20 holds the second.
        long[] expected = [.. FileColumn(table, "id").Select(v => v.GetInt64()).Where(id => id is not (12 or 89))];
        Assert.Equal(98, expected.Length);

        Assert.Equal(expected, ParquetFiles.ReadAll(ParquetSource<DeltaPerson>.FromDirectory(table)).Select(r => r.Id!.Value));
        var store = new LocalObjectStore(DeltaTables.Root);
        Assert.Equal(expected, ParquetFiles.ReadAll(ParquetSource<DeltaPerson>.FromStore(store, "table_with_deletion_logs/")).Select(r => r.Id!.Value));
    }

    [Fact]
    public void Databricks_s_table_at_each_version_reads_the_rows_its_deletes_had_left_then()
    {
        string table = Path.Combine(DeltaTables.Root, "table_with_deletion_logs");
        long[] all = [.. FileColumn(table, "id").Select(v => v.GetInt64())];
        long[] Read(long version) => [.. ParquetFiles.ReadAll(ParquetSource<DeltaPerson>.FromDeltaTable(table, version)).Select(r => r.Id!.Value)];

        Assert.Equal(all, Read(2));                                        // before any delete
        Assert.Equal(all.Where(id => id != 12), Read(3));                  // the first vector
        Assert.Equal(all.Where(id => id is not (12 or 89)), Read(4));      // the vector that replaced it
        Assert.Equal(all.Where(id => id is not (12 or 89)), Read(15));     // from checkpoint 10 and commits 11-15
        Assert.Equal(20, DeltaTable.LatestVersion(table));
    }

    [Fact]
    public async Task Vectors_stored_together_inline_dense_and_in_runs_delete_their_rows_across_row_groups()
    {
        long[] expected = await BuildTableAsync();

        Assert.Equal(expected, ParquetFiles.ReadAll(ParquetSource<Measurement>.FromDirectory(_table.Path)).Select(r => r.Id));
        var store = new LocalObjectStore(Path.GetDirectoryName(_table.Path)!);
        Assert.Equal(expected, ParquetFiles.ReadAll(ParquetSource<Measurement>.FromStore(store, Path.GetFileName(_table.Path) + "/")).Select(r => r.Id));
    }

    [Fact]
    public async Task A_filter_applies_to_the_rows_left_and_shards_counts_and_resume_see_only_those()
    {
        long[] expected = await BuildTableAsync();

        var filtered = ParquetSource<Measurement>.FromDirectory(_table.Path, configure: s => s.Where(m => m.Id >= 50_000 && m.Id < 150_000));
        Assert.Equal(expected.Where(id => id is >= 50_000 and < 150_000), ParquetFiles.ReadAll(filtered).Select(r => r.Id));

        using (var whole = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(_table.Path)))
        {
            Assert.Equal(expected.Length, whole.TotalRows);
        }

        var shares = new List<long>();
        for (int rank = 0; rank < 2; rank++)
        {
            using var shard = new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(_table.Path)).WithShard(rank, 2);
            List<long> share = [.. shard.Rows().Select(r => r.Id)];
            Assert.Equal(shard.TotalRows, share.Count);
            shares.AddRange(share);
        }

        // Each rank reads as many rows; the odd one is left out of the epoch (ShardRemainder.Drop).
        Assert.Equal(expected.Length / 2 * 2, shares.Count);
        Assert.Equal(shares.Count, shares.Distinct().Count());
        Assert.Subset(expected.ToHashSet(), shares.ToHashSet());

        List<long> resumed = Resumption.ReadInterruptedAndResumed(
            () => new StreamingDataset<Measurement>(ParquetSource<Measurement>.FromDirectory(_table.Path, configure: s => s.BatchSize(1_000))), 45_123, r => r.Id);
        Assert.Equal(expected, resumed);
    }

    [Fact]
    public async Task A_row_group_whose_rows_are_all_deleted_is_not_read_and_the_rest_are_counted_from_the_vector()
    {
        await ParquetDatasetWriter<Measurement>.WriteFileAsync(Path.Combine(_table.Path, "part-0.parquet"), Range(0, 3_000).Select(id => new Measurement(id, "s", id)), rowGroupSize: 1_000);
        long[] deleted = [5, .. Range(1_000, 1_000), 2_999];
        byte[] inline = DeletionVectorBytes.Bitmap(deleted);
        Directory.CreateDirectory(Path.Combine(_table.Path, "_delta_log"));
        File.WriteAllLines(Path.Combine(_table.Path, "_delta_log", $"{0:D20}.json"),
            [Add("part-0.parquet", new { storageType = "i", pathOrInlineDv = DeletionVectorBytes.Z85(inline), sizeInBytes = inline.Length, cardinality = deleted.Length })]);
        ParquetSource<Measurement>? file = null;

        IBatchSource<Measurement> table = ParquetSource<Measurement>.FromDirectory(_table.Path, configure: s => file = s);

        string[] plan = [.. file!.Explain().RowGroups.Select(g => g.Reason)];
        Assert.Equal(["its Delta deletion vector deletes 1 of its rows", "its Delta deletion vector deletes every row", "its Delta deletion vector deletes 1 of its rows"], plan);
        using var streaming = new StreamingDataset<Measurement>(table);
        Assert.Equal(1_998, streaming.TotalRows);
        Assert.Equal(Range(0, 3_000).Except(deleted), streaming.Rows().Select(r => r.Id));

        // Filters added after the vector leave it first: the emptied row group is still not read.
        ParquetSource<Measurement>.FromDirectory(_table.Path, configure: s => file = s.Where(m => m.Id >= 0).Where(m => m.Reading != null));
        Assert.Equal("its Delta deletion vector deletes every row", file!.Explain().RowGroups[1].Reason);
    }

    [Fact]
    public async Task A_damaged_or_missing_vector_fails_naming_the_table_and_the_data_file()
    {
        await BuildTableAsync();
        string vectorFile = Directory.GetFiles(Path.Combine(_table.Path, "ab"), "deletion_vector_*.bin").Single();
        byte[] bytes = File.ReadAllBytes(vectorFile);
        bytes[20] ^= 0x40;
        File.WriteAllBytes(vectorFile, bytes);

        CorruptParquetFileException damaged = Assert.Throws<CorruptParquetFileException>(() => ParquetSource<Measurement>.FromDirectory(_table.Path));
        Assert.Contains("part-0.parquet", damaged.Message, StringComparison.Ordinal);
        Assert.Contains("CRC-32", damaged.Message, StringComparison.Ordinal);

        File.Delete(vectorFile);
        SourceUnavailableException missing = Assert.Throws<SourceUnavailableException>(() => ParquetSource<Measurement>.FromDirectory(_table.Path));
        Assert.Contains(Path.GetFileName(vectorFile), missing.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Three files: part-0 (100,000 rows in row groups of 30,000) and part-1 (10,000) with vectors stored one after the
    /// other in one file under the prefix folder <c>ab</c>, part-0's dense (a bitset) and part-1's in runs; part-2 with an
    /// inline vector. Returns the ids left, in file order.
    /// </summary>
    private async Task<long[]> BuildTableAsync()
    {
        long[][] ids = [[.. Range(0, 100_000)], [.. Range(100_000, 10_000)], [.. Range(200_000, 100)]];
        long[][] deleted =
        [
            [0, 29_999, 30_000, 59_999, .. Enumerable.Range(0, 6_700).Select(i => 40_000L + (i * 3)), 99_999],
            [.. Range(1_000, 2_000), .. Range(9_000, 1_000)],
            [0, 99],
        ];
        for (int file = 0; file < ids.Length; file++)
        {
            await ParquetDatasetWriter<Measurement>.WriteFileAsync(Path.Combine(_table.Path, $"part-{file}.parquet"), ids[file].Select(id => new Measurement(id, "s", id)), rowGroupSize: 30_000);
        }

        byte[] dense = DeletionVectorBytes.Bitmap(deleted[0]);
        byte[] runs = DeletionVectorBytes.Bitmap(deleted[1], runs: true);
        (byte[] vectorFile, int[] offsets) = DeletionVectorBytes.File(dense, runs);
        var id = Guid.NewGuid();
        Directory.CreateDirectory(Path.Combine(_table.Path, "ab"));
        File.WriteAllBytes(Path.Combine(_table.Path, "ab", $"deletion_vector_{id}.bin"), vectorFile);
        string fileId = "ab" + DeletionVectorBytes.FileId(id);
        byte[] inline = DeletionVectorBytes.Bitmap(deleted[2]);

        Directory.CreateDirectory(Path.Combine(_table.Path, "_delta_log"));
        File.WriteAllLines(Path.Combine(_table.Path, "_delta_log", $"{0:D20}.json"),
        [
            """{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["deletionVectors"],"writerFeatures":["deletionVectors"]}}""",
            """{"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":"{}","partitionColumns":[],"configuration":{"delta.enableDeletionVectors":"true"},"createdTime":0}}""",
            Add("part-0.parquet", new { storageType = "u", pathOrInlineDv = fileId, offset = offsets[0], sizeInBytes = dense.Length, cardinality = deleted[0].Length }),
            Add("part-1.parquet", new { storageType = "u", pathOrInlineDv = fileId, offset = offsets[1], sizeInBytes = runs.Length, cardinality = deleted[1].Length }),
            Add("part-2.parquet", new { storageType = "i", pathOrInlineDv = DeletionVectorBytes.Z85(inline), sizeInBytes = inline.Length, cardinality = deleted[2].Length }),
        ]);

        return [.. ids.Zip(deleted, (rows, gone) => (Rows: rows, Gone: gone.ToHashSet())).SelectMany(file => file.Rows.Where((_, row) => !file.Gone.Contains(row)))];
    }

    private static string Add(string path, object deletionVector) =>
        JsonSerializer.Serialize(new { add = new { path, partitionValues = new { }, size = 1, modificationTime = 0, dataChange = true, deletionVector } });

    private static IEnumerable<long> Range(long start, int count) => Enumerable.Range(0, count).Select(i => start + i);

    /// <summary>A column of a table's one data file, read whole by DuckDB: the rows before any delete.</summary>
    private static List<JsonElement> FileColumn(string table, string column) =>
        DuckJson.Column(Directory.GetFiles(table, "*.parquet").Single(), column);
}
