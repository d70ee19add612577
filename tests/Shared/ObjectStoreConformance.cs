using System.Text.Json.Nodes;
namespace Alimentar.Testing;

/// <summary>A row the object-store conformance tests write and read back.</summary>
[StreamingDataset]
public partial record StoredRow(long Id, string Sensor, double? Reading);

/// <summary>A stored row with the partition keys its object's key gives.</summary>
[StreamingDataset]
public partial record PartitionedStoredRow(long Id, string Sensor, double? Reading, string Region, DateOnly Day);

/// <summary>A row of the Delta tables other writers made (tests/data/delta): what each of them has, read as null where a table lacks it.</summary>
[StreamingDataset]
public partial record DeltaStoredRow(long? Id, string? Name, [property: ParquetColumn("Company Very Short")] string? Company, [property: ParquetColumn("Super Name")] string? SuperName);

/// <summary>
/// What every object store must do for Parquet sources, run against a real emulator by each store's test
/// project: the same rows as from disk (one file, and a listed prefix, in key order), a replaced object
/// refused mid-read, a missing one named, and shards, shuffle and resume like local files.
/// </summary>
public abstract class ObjectStoreConformance : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("alimentar-conformance-").FullName;

    /// <summary>Deletes the files written for upload: xunit makes one instance per test, each with its own folder.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    /// <summary>The store under test.</summary>
    protected abstract IObjectStore Store { get; }

    /// <summary>Uploads the file at <paramref name="path"/> as <paramref name="key"/>, replacing what is there.</summary>
    protected abstract Task UploadAsync(string key, string path);

    /// <summary>The absolute URI a Delta log names <paramref name="key"/> by, as Spark writes one for this storage.</summary>
    protected abstract string AbsoluteUriOf(string key);

    /// <summary>Whether a table here follows the URIs <see cref="AbsoluteUriOf"/> gives (no: an Azure URI names an account the store cannot confirm).</summary>
    protected virtual bool FollowsAbsoluteUris => true;

    protected async Task<string> WriteAsync(string key, int first, int rows, int rowGroupSize = 500)
    {
        string path = Path.Combine(_scratch, Guid.NewGuid().ToString("N") + ".parquet");
        await ParquetDatasetWriter<StoredRow>.WriteFileAsync(path, Enumerable.Range(first, rows).Select(i => new StoredRow(i, $"s{i % 7}", i % 5 == 0 ? null : i * 0.25)), rowGroupSize);
        await UploadAsync(key, path);
        return path;
    }

    protected async Task SameRowsAsFromDiskAsync()
    {
        string first = await WriteAsync("data/part-0.parquet", 0, 3_000);
        string second = await WriteAsync("data/part-1.parquet", 3_000, 1_234);
        await WriteAsync("other/part-9.parquet", 9_000, 10);

        List<StoredRow> one = ReadAll(new ParquetSource<StoredRow>(Store, "data/part-0.parquet").BatchSize(256));
        Assert.Equal(ReadAll(new ParquetSource<StoredRow>(first)), one);

        List<StoredRow> listed = ReadAll(ParquetSource<StoredRow>.FromStore(Store, "data/"));
        Assert.Equal(ReadAll(new ParquetSource<StoredRow>(first)).Concat(ReadAll(new ParquetSource<StoredRow>(second))), listed);
    }

    protected async Task PartitionKeysComeFromObjectKeysAsync()
    {
        await WriteAsync("trips/region=north/day=2024-03-01/part-0.parquet", 0, 300);
        await WriteAsync("trips/region=south%20west/day=2024-03-02/part-0.parquet", 300, 200);

        List<PartitionedStoredRow> rows = ReadAll(ParquetSource<PartitionedStoredRow>.FromStore(Store, "trips/", configure: s => s.Where(r => r.Day > new DateOnly(2024, 3, 1))));

        Assert.Equal(Enumerable.Range(300, 200).Select(i => (long)i), rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.Equal(("south west", new DateOnly(2024, 3, 2)), (r.Region, r.Day)));
    }

    protected async Task ReplacedMidReadIsRefusedAsync()
    {
        // A tail guess smaller than the file, so the pass still has requests to make after the replacement.
        await WriteAsync("replaced.parquet", 0, 5_000);
        var source = new ParquetSource<StoredRow>(Store, "replaced.parquet", new ObjectReadOptions { ReadAheadRowGroup = false, FooterGuessBytes = 1_024 }).BatchSize(250).DecodeAhead(0);
        SourceUnavailableException error = await Assert.ThrowsAsync<SourceUnavailableException>(async () =>
        {
            bool replaced = false;
            await foreach (Batch<StoredRow> batch in source.ReadBatchesAsync())
            {
                batch.Dispose();
                if (!replaced)
                {
                    replaced = true;
                    await WriteAsync("replaced.parquet", 100_000, 5_000);
                }
            }
        });

        Assert.Contains("replaced.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("replaced while it was read", error.Message, StringComparison.Ordinal);
    }

    protected Task MissingObjectIsNamedAsync()
    {
        SourceUnavailableException error = Assert.Throws<SourceUnavailableException>(() => ReadAll(new ParquetSource<StoredRow>(Store, "no/such.parquet")));
        Assert.Contains($"{Store.Name}/no/such.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        return Task.CompletedTask;
    }

    protected async Task ShardsShuffleAndResumeAsync()
    {
        for (int part = 0; part < 3; part++)
        {
            await WriteAsync($"train/part-{part}.parquet", part * 1_000, 1_000, rowGroupSize: 300);
        }

        StreamingDataset<StoredRow> Configure() =>
            new StreamingDataset<StoredRow>(ParquetSource<StoredRow>.FromStore(Store, "train/", s => s.BatchSize(100)), 4).WithShard(0, 2).WithShuffle(9);

        long[] full;
        using (StreamingDataset<StoredRow> uninterrupted = Configure())
        {
            full = uninterrupted.Rows().Select(r => r.Id).ToArray();
        }

        Assert.Equal(1_500, full.Length);
        Assert.Equal(full, Resumption.ReadInterruptedAndResumed(Configure, 555, r => r.Id));
    }

    protected async Task ListsLengthsAndETagsAndReadsExplicitRangesAsync()
    {
        string path = await WriteAsync("ranges/one.parquet", 0, 100);
        byte[] expected = await File.ReadAllBytesAsync(path);
        ObjectInfo info = Assert.Single(await Store.ListAsync("ranges/", CancellationToken.None).ToListAsync());
        Assert.Equal(expected.Length, info.Length);
        Assert.False(string.IsNullOrEmpty(info.ETag));
        Assert.Equal(info, await Store.GetInfoAsync("ranges/one.parquet", CancellationToken.None));

        byte[] middle = new byte[100];
        await Store.ReadAsync(info, 50, middle, CancellationToken.None);
        Assert.Equal(expected.AsSpan(50, 100).ToArray(), middle);
    }

    /// <summary>
    /// A dataset written straight to the store: parts cut by rows, each visible once complete, read back through a
    /// listed prefix in order; one object large enough to go up in several parts (multipart, blocks); and a write that
    /// fails part way leaves nothing under its key.
    /// </summary>
    protected async Task WritesDatasetsAndObjectsOnlyWhenCompleteAsync()
    {
        var store = (IWritableObjectStore)Store;
        StoredRow[] rows = Enumerable.Range(0, 3_500).Select(i => new StoredRow(i, $"s{i % 7}", i % 5 == 0 ? null : i * 0.25)).ToArray();
        await using (ParquetDatasetWriter<StoredRow> dataset = await ParquetDatasetWriter<StoredRow>.CreateDatasetAsync(store, "written/", new ParquetWriteOptions { RowsPerFile = 1_000, RowGroupSize = 400 }))
        {
            await dataset.WriteAsync(rows);
            Assert.Equal(["written/part-00000.parquet", "written/part-00001.parquet", "written/part-00002.parquet"], dataset.Files);
        }

        Assert.Equal(
            ["written/part-00000.parquet", "written/part-00001.parquet", "written/part-00002.parquet", "written/part-00003.parquet"],
            (await Store.ListAsync("written/", CancellationToken.None).ToListAsync()).Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(rows, ReadAll(ParquetSource<StoredRow>.FromStore(Store, "written/")));

        // About 20 MB uncompressed: more than one 8 MiB part or block.
        StoredRow[] many = Enumerable.Range(0, 1_200_000).Select(i => new StoredRow(i, "s", i * 0.5)).ToArray();
        await using (ParquetDatasetWriter<StoredRow> big = await ParquetDatasetWriter<StoredRow>.CreateAsync(store, "big/one.parquet", BigObject))
        {
            await big.WriteAsync(many);
        }

        Assert.True((await Store.GetInfoAsync("big/one.parquet", CancellationToken.None)).Length > 16 << 20);
        Assert.Equal(many.Length, ReadAll(new ParquetSource<StoredRow>(Store, "big/one.parquet")).Count);

        // A write whose rows fail part way (after a part's worth went up) publishes nothing.
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using ParquetDatasetWriter<StoredRow> failing = await ParquetDatasetWriter<StoredRow>.CreateAsync(store, "failed/one.parquet", BigObject);
            await failing.WriteAsync(many.Concat(Failing()));
        });
        Assert.Empty(await Store.ListAsync("failed/", CancellationToken.None).ToListAsync());

        static IEnumerable<StoredRow> Failing()
        {
            yield return new StoredRow(-1, "s", null);
            throw new InvalidOperationException("the rows' source failed");
        }
    }

    /// <summary>
    /// Delta tables Databricks wrote, uploaded whole: their logs, checkpoints (classic and V2 with sidecars), deletion
    /// vectors and column-mapped files in random prefix folders read through the store as from disk.
    /// </summary>
    protected async Task DeltaTablesReadAsFromDiskAsync()
    {
        string tables = Path.Combine(Path.GetDirectoryName(TestCorpus.Root)!, "delta");
        foreach (string table in new[] { "table_with_deletion_logs", "checkpoint-v2-table", "table_with_column_mapping" })
        {
            string folder = Path.Combine(tables, table);
            foreach (string file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                await UploadAsync($"lake/{table}/{Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/')}", file);
            }

            List<DeltaStoredRow> fromDisk = ReadAll(ParquetSource<DeltaStoredRow>.FromDirectory(folder, configure: s => s.MissingColumnsAsNull()));
            List<DeltaStoredRow> fromStore = ReadAll(ParquetSource<DeltaStoredRow>.FromStore(Store, $"lake/{table}/", s => s.MissingColumnsAsNull()));

            Assert.NotEmpty(fromDisk);
            Assert.Equal(fromDisk, fromStore);
        }
    }

    /// <summary>
    /// Modification times as the store lists and describes objects, and the version of a Delta table at a moment through
    /// the store: dated by the commits' listed times in a table without in-commit timestamps, by the timestamps inside
    /// the commits in one with them.
    /// </summary>
    protected async Task DeltaVersionsAtMomentsAsync()
    {
        string tables = Path.Combine(Path.GetDirectoryName(TestCorpus.Root)!, "delta");
        foreach (string table in new[] { "table_with_deletion_logs", "cdc_ict_table" })
        {
            string folder = Path.Combine(tables, table);
            foreach (string file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                await UploadAsync($"lake/{table}/{Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/')}", file);
            }
        }

        List<ObjectInfo> commits = [.. (await Store.ListAsync("lake/table_with_deletion_logs/_delta_log/", CancellationToken.None).ToListAsync()).Where(o => o.Key.EndsWith(".json", StringComparison.Ordinal) && o.Key.Split('/')[^1].Length == "00000000000000000000.json".Length)];
        Assert.Equal(21, commits.Count);
        Assert.All(commits, commit => Assert.NotNull(commit.LastModified));
        ObjectInfo described = await Store.GetInfoAsync(commits[0].Key, CancellationToken.None);
        Assert.NotNull(described.LastModified);
        Assert.InRange(described.LastModified.Value, commits[0].LastModified!.Value.AddSeconds(-1), commits[0].LastModified!.Value.AddSeconds(1));

        DateTimeOffset earliest = commits.Min(commit => commit.LastModified!.Value);
        Assert.Equal(20, DeltaTable.VersionAt(Store, "lake/table_with_deletion_logs/", DateTimeOffset.MaxValue));
        Assert.Throws<SourceUnavailableException>(() => DeltaTable.VersionAt(Store, "lake/table_with_deletion_logs/", earliest.AddSeconds(-1)));

        // Commit 3 of this table was made at 1783874213881 ms by its in-commit timestamp, whenever it was uploaded.
        Assert.Equal(2, DeltaTable.VersionAt(Store, "lake/cdc_ict_table/", DateTimeOffset.FromUnixTimeMilliseconds(1783874213880)));
        Assert.Equal(3, DeltaTable.VersionAt(Store, "lake/cdc_ict_table/", DateTimeOffset.FromUnixTimeMilliseconds(1783874213881)));
    }

    /// <summary>
    /// A shallow clone under its own prefix, its log naming the source table's file and deletion vector by absolute URI:
    /// read as the source reads where the store holds what the URIs name, refused by name where it cannot tell.
    /// </summary>
    protected async Task ShallowClonesReadTheirSourceFilesAsync()
    {
        string source = Path.Combine(Path.GetDirectoryName(TestCorpus.Root)!, "delta", "table-with-dv-small");
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            await UploadAsync($"lake/source/{Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/')}", file);
        }

        string log = Path.Combine(source, "_delta_log");
        JsonNode[] created = [.. File.ReadAllLines(Path.Combine(log, $"{0:D20}.json")).Select(line => JsonNode.Parse(line)!).Where(a => a["protocol"] is not null || a["metaData"] is not null)];
        JsonNode add = File.ReadAllLines(Path.Combine(log, $"{1:D20}.json")).Select(line => JsonNode.Parse(line)!).Single(a => a["add"] is not null);
        add["add"]!["path"] = AbsoluteUriOf("lake/source/" + Path.GetFileName(Directory.GetFiles(source, "*.parquet").Single()));
        add["add"]!["deletionVector"]!["storageType"] = "p";
        add["add"]!["deletionVector"]!["pathOrInlineDv"] = AbsoluteUriOf("lake/source/" + Path.GetFileName(Directory.GetFiles(source, "deletion_vector_*.bin").Single()));
        string commit = Path.Combine(_scratch, $"{0:D20}.json");
        await File.WriteAllLinesAsync(commit, [.. created.Select(a => a.ToJsonString()), add.ToJsonString()]);
        await UploadAsync($"lake/clone/_delta_log/{0:D20}.json", commit);

        List<DeltaStoredRow> fromSource = ReadAll(ParquetSource<DeltaStoredRow>.FromStore(Store, "lake/source/", s => s.MissingColumnsAsNull()));
        Func<List<DeltaStoredRow>> fromClone = () => ReadAll(ParquetSource<DeltaStoredRow>.FromStore(Store, "lake/clone/", s => s.MissingColumnsAsNull()));
        if (FollowsAbsoluteUris)
        {
            Assert.Equal(8, fromSource.Count);
            Assert.Equal(fromSource, fromClone());
        }
        else
        {
            Assert.Contains("does not hold", Assert.Throws<UnsupportedParquetFeatureException>(() => fromClone()).Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Uncompressed PLAIN, so 1.2M rows come to about 28 MB.</summary>
    private static readonly ParquetWriteOptions BigObject = new()
    {
        Compression = ParquetCompression.None,
        Dictionary = false,
        Columns = new Dictionary<string, ParquetColumnOptions> { ["Id"] = new() { Encoding = ParquetValueEncoding.Plain } },
    };

    private static List<T> ReadAll<T>(IBatchSource<T> source)
        where T : IStreamingRow<T>
    {
        var rows = new List<T>();
        foreach (Batch<T> batch in source.ReadBatchesAsync().ToBlockingEnumerable())
        {
            using (batch)
            {
                rows.AddRange(batch);
            }
        }

        return rows;
    }
}
