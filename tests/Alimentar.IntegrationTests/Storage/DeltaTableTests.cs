namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record CityReading(long Id, string Sensor, double? Reading, string City);

/// <summary>A row of a Delta checkpoint as Spark writes one (the fields the reader looks at, and a few beside).</summary>
[StreamingDataset]
public partial record CheckpointAction(CheckpointFile? Add, CheckpointFile? Remove, CheckpointMetaData? MetaData, CheckpointProtocol? Protocol);

public sealed record CheckpointFile(string Path, Dictionary<string, string>? PartitionValues, long Size, bool DataChange, CheckpointDeletionVector? DeletionVector);

public sealed record CheckpointDeletionVector(string StorageType, string PathOrInlineDv, int? Offset, int SizeInBytes, long Cardinality);

public sealed record CheckpointMetaData(string Id, Dictionary<string, string>? Configuration);

public sealed record CheckpointProtocol(int MinReaderVersion, int MinWriterVersion, string[]? ReaderFeatures);

/// <summary>A checkpoint row as older writers lay it out: no deletion vectors, no reader features.</summary>
[StreamingDataset]
public partial record OldCheckpointAction(OldCheckpointFile? Add, OldCheckpointFile? Remove, CheckpointMetaData? MetaData, OldCheckpointProtocol? Protocol);

public sealed record OldCheckpointFile(string Path, Dictionary<string, string>? PartitionValues, long Size, bool DataChange);

public sealed record OldCheckpointProtocol(int MinReaderVersion, int MinWriterVersion);

/// <summary>
/// A Delta Lake table read from its folder (or prefix): the files of its current version, as its commit log says, not
/// every Parquet file in the folder. The table here is laid out as Spark writes one: partition folders, URI-escaped
/// paths in the log, a compaction that replaced two files with one, a delete that rewrote a file.
/// </summary>
public sealed class DeltaTableTests : IDisposable
{
    private const string Protocol = """{"protocol":{"minReaderVersion":1,"minWriterVersion":2}}""";
    private const string Metadata = """{"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":"{}","partitionColumns":["city"],"configuration":{},"createdTime":0}}""";

    private readonly TempDirectory _table = new();

    public DeltaTableTests()
    {
        Write("city=Lisbon/part-00000.parquet", 0, "Lisbon");
        Write("city=São Paulo/part-00001.parquet", 10, "São Paulo");
        Write("city=Lisbon/part-00002.parquet", 20, "Lisbon");
        Commit(0, Protocol, Metadata, Add("city=Lisbon/part-00000.parquet"), Add("city=S%C3%A3o%20Paulo/part-00001.parquet"));
        Commit(1, Add("city=Lisbon/part-00002.parquet"));

        // A compaction: parts 0 and 2 rewritten as one file holding both (ids 0-9 and 20-29).
        Write("city=Lisbon/part-00003.parquet", [.. Enumerable.Range(0, 10), .. Enumerable.Range(20, 10)], "Lisbon");
        Commit(2, Remove("city=Lisbon/part-00000.parquet"), Remove("city=Lisbon/part-00002.parquet"), Add("city=Lisbon/part-00003.parquet"));

        // A delete of ids 10-14: the file rewritten without them.
        Write("city=São Paulo/part-00004.parquet", [.. Enumerable.Range(15, 5)], "São Paulo");
        Commit(3, """{"commitInfo":{"operation":"DELETE"}}""", Remove("city=S%C3%A3o%20Paulo/part-00001.parquet"), Add("city=S%C3%A3o%20Paulo/part-00004.parquet"));
    }

    public void Dispose() => _table.Dispose();

    private static long[] Current => [.. Enumerable.Range(0, 10).Select(i => (long)i), .. Enumerable.Range(20, 10).Select(i => (long)i), .. Enumerable.Range(15, 5).Select(i => (long)i)];

    [Fact]
    public void A_table_folder_reads_the_files_of_its_current_version_only()
    {
        List<CityReading> rows = ParquetFiles.ReadAll(ParquetSource<CityReading>.FromDirectory(_table.Path));

        Assert.Equal(Current.Order(), rows.Select(r => r.Id).Order());
        Assert.All(rows, r => Assert.Equal(r.Id is >= 15 and < 20 ? "São Paulo" : "Lisbon", r.City));
    }

    [Fact]
    public void A_table_under_a_prefix_of_an_object_store_reads_the_same_files()
    {
        var store = new LocalObjectStore(Path.GetDirectoryName(_table.Path)!);

        List<CityReading> rows = ParquetFiles.ReadAll(ParquetSource<CityReading>.FromStore(store, Path.GetFileName(_table.Path) + "/"));

        Assert.Equal(Current.Order(), rows.Select(r => r.Id).Order());
    }

    [Fact]
    public void A_partition_folder_of_the_table_reads_the_tables_current_files_in_it()
    {
        long[] lisbon = [.. Current.Where(id => id is < 15 or >= 20)];
        var store = new LocalObjectStore(Path.GetDirectoryName(_table.Path)!);

        // Each folder read alone, as a plain dataset, would repeat ids 0-9 and 20-29 from the files the compaction replaced.
        List<CityReading> fromFolder = ParquetFiles.ReadAll(ParquetSource<CityReading>.FromDirectory(Path.Combine(_table.Path, "city=Lisbon")));
        List<CityReading> fromPrefix = ParquetFiles.ReadAll(ParquetSource<CityReading>.FromStore(store, Path.GetFileName(_table.Path) + "/city=Lisbon/"));

        Assert.Equal(lisbon.Order(), fromFolder.Select(r => r.Id).Order());
        Assert.Equal(lisbon.Order(), fromPrefix.Select(r => r.Id).Order());
        Assert.All(fromFolder, r => Assert.Equal("Lisbon", r.City));
    }

    [Fact]
    public void Each_version_of_the_table_reads_the_files_its_log_named_then_from_a_folder_and_a_store_and_the_latest_is_found()
    {
        long[][] versions =
        [
            [.. Enumerable.Range(0, 20).Select(i => (long)i)],                                      // 0: parts 0 and 1
            [.. Enumerable.Range(0, 30).Select(i => (long)i)],                                      // 1: part 2 added
            [.. Enumerable.Range(0, 30).Select(i => (long)i)],                                      // 2: 0 and 2 compacted, same rows
            [.. Enumerable.Range(0, 10).Concat(Enumerable.Range(15, 15)).Select(i => (long)i)],     // 3: ids 10-14 deleted
        ];
        var store = new LocalObjectStore(Path.GetDirectoryName(_table.Path)!);
        for (int version = 0; version < versions.Length; version++)
        {
            Assert.Equal(versions[version], ParquetFiles.ReadAll(ParquetSource<CityReading>.FromDeltaTable(_table.Path, version)).Select(r => r.Id).Order());
            Assert.Equal(versions[version], ParquetFiles.ReadAll(ParquetSource<CityReading>.FromDeltaTable(store, Path.GetFileName(_table.Path) + "/", version)).Select(r => r.Id).Order());
        }

        // A partition folder at version 1: Lisbon's files then, before the compaction.
        Assert.Equal([.. Enumerable.Range(0, 10).Concat(Enumerable.Range(20, 10)).Select(i => (long)i)],
            ParquetFiles.ReadAll(ParquetSource<CityReading>.FromDeltaTable(Path.Combine(_table.Path, "city=Lisbon"), 1)).Select(r => r.Id).Order());

        Assert.Equal(3, DeltaTable.LatestVersion(_table.Path));
        Assert.Equal(3, DeltaTable.LatestVersion(Path.Combine(_table.Path, "city=Lisbon")));
        Assert.Equal(3, DeltaTable.LatestVersion(store, Path.GetFileName(_table.Path) + "/"));
        Assert.Contains("no version 4: its Delta log's latest is 3", Assert.Throws<SourceUnavailableException>(() => ParquetSource<CityReading>.FromDeltaTable(_table.Path, 4)).Message, StringComparison.Ordinal);
        using var plain = new TempDirectory();
        Assert.Contains("not a Delta table", Assert.Throws<SourceUnavailableException>(() => ParquetSource<CityReading>.FromDeltaTable(plain.Path, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("not a Delta table", Assert.Throws<SourceUnavailableException>(() => DeltaTable.LatestVersion(plain.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_version_at_a_moment_is_the_newest_commit_made_by_then_its_file_times_made_increasing()
    {
        var midnight = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        File.SetLastWriteTimeUtc(CommitPath(0), midnight.UtcDateTime);
        File.SetLastWriteTimeUtc(CommitPath(1), midnight.AddDays(1).UtcDateTime);
        File.SetLastWriteTimeUtc(CommitPath(2), midnight.AddDays(1).UtcDateTime);   // a tie: counts 1 ms after commit 1
        File.SetLastWriteTimeUtc(CommitPath(3), midnight.AddHours(12).UtcDateTime); // out of order: 1 ms after commit 2
        var store = new LocalObjectStore(Path.GetDirectoryName(_table.Path)!);
        string prefix = Path.GetFileName(_table.Path) + "/";

        (DateTimeOffset Moment, long Version)[] expected =
        [
            (midnight, 0),
            (midnight.AddHours(18), 0),
            (new DateTimeOffset(2026, 1, 2, 1, 0, 0, TimeSpan.FromHours(2)), 0),   // 23:00 UTC on the 1st
            (midnight.AddDays(1), 1),
            (midnight.AddDays(1).AddMilliseconds(1), 2),
            (midnight.AddDays(1).AddMilliseconds(2), 3),
            (DateTimeOffset.MaxValue, 3),
        ];
        foreach ((DateTimeOffset moment, long version) in expected)
        {
            Assert.Equal(version, DeltaTable.VersionAt(_table.Path, moment));
            Assert.Equal(version, DeltaTable.VersionAt(Path.Combine(_table.Path, "city=Lisbon"), moment));
            Assert.Equal(version, DeltaTable.VersionAt(store, prefix, moment));
        }

        // The version found is the one read: before the delete of ids 10-14 (version 3), they are there.
        long beforeDelete = DeltaTable.VersionAt(_table.Path, midnight.AddDays(1).AddMilliseconds(1));
        Assert.Contains(12, ParquetFiles.ReadAll(ParquetSource<CityReading>.FromDeltaTable(_table.Path, beforeDelete)).Select(r => r.Id));

        string early = Assert.Throws<SourceUnavailableException>(() => DeltaTable.VersionAt(_table.Path, midnight.AddTicks(-1))).Message;
        Assert.Contains("no version as early as 2025-12-31 23:59:59.999 UTC: its earliest commit kept, version 0, was made at 2026-01-01 00:00:00.000 UTC", early, StringComparison.Ordinal);
        Assert.Throws<SourceUnavailableException>(() => DeltaTable.VersionAt(store, prefix, midnight.AddTicks(-1)));
    }

    [Fact]
    public void A_filter_on_the_partition_column_leaves_other_partitions_files_unopened()
    {
        // São Paulo's current file made unreadable: only opening it could fail.
        File.WriteAllBytes(Path.Combine(_table.Path, "city=São Paulo", "part-00004.parquet"), new byte[64]);
        Assert.ThrowsAny<AlimentarException>(() => ParquetFiles.ReadAll(ParquetSource<CityReading>.FromDirectory(_table.Path)));

        var lisbon = ParquetSource<CityReading>.FromDirectory(_table.Path, configure: s => s.Where(r => r.City == "Lisbon"));
        using var streaming = new StreamingDataset<CityReading>(lisbon);

        Assert.Equal(20, streaming.TotalRows);
        Assert.Equal(Current.Take(20).Order(), streaming.Rows().Select(r => r.Id).Order());
    }

    [Fact]
    public void An_unknown_column_mapping_mode_and_unknown_reader_features_are_refused()
    {
        Commit(4, """{"metaData":{"id":"t","format":{"provider":"parquet"},"schemaString":"{}","partitionColumns":[],"configuration":{"delta.columnMapping.mode":"position"}}}""");
        Assert.Contains("mapping mode 'position'", Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetSource<CityReading>.FromDirectory(_table.Path)).Message, StringComparison.Ordinal);

        Commit(4, """{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["timestampNtz","someFutureFeature"]}}""");
        Assert.Contains("'someFutureFeature'", Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetSource<CityReading>.FromDirectory(_table.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_cleaned_up_into_a_checkpoint_is_refused_and_a_missing_file_is_named()
    {
        File.Delete(CommitPath(0));
        Assert.Contains("starts at version 1", Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetSource<CityReading>.FromDirectory(_table.Path)).Message, StringComparison.Ordinal);

        Commit(0, Protocol, Metadata, Add("city=Lisbon/part-00000.parquet"), Add("city=S%C3%A3o%20Paulo/part-00001.parquet"));
        File.Delete(Path.Combine(_table.Path, "city=Lisbon", "part-00003.parquet"));
        SourceUnavailableException missing = Assert.Throws<SourceUnavailableException>(() => ParquetSource<CityReading>.FromDirectory(_table.Path));
        Assert.Contains("part-00003.parquet", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_cleaned_up_to_a_checkpoint_reads_the_checkpoint_and_the_commits_after_it()
    {
        // The state after commit 2: the compacted Lisbon file and the first São Paulo file; the compacted-away files as tombstones.
        CheckpointAction[] state =
        [
            new(null, null, new CheckpointMetaData("t", []), null),
            new(null, null, null, new CheckpointProtocol(3, 7, ["deletionVectors"])),
            new(AddedFile("city=Lisbon/part-00003.parquet"), null, null, null),
            new(AddedFile("city=S%C3%A3o%20Paulo/part-00001.parquet"), null, null, null),
            new(null, AddedFile("city=Lisbon/part-00000.parquet"), null, null),
        ];
        await ParquetDatasetWriter<CheckpointAction>.WriteFileAsync(Path.Combine(_table.Path, "_delta_log", $"{2:D20}.checkpoint.parquet"), state);
        File.Delete(CommitPath(0));
        File.Delete(CommitPath(1));

        List<CityReading> rows = ParquetFiles.ReadAll(ParquetSource<CityReading>.FromDirectory(_table.Path));
        Assert.Equal(Current.Order(), rows.Select(r => r.Id).Order());
        var store = new LocalObjectStore(Path.GetDirectoryName(_table.Path)!);
        Assert.Equal(Current.Order(), ParquetFiles.ReadAll(ParquetSource<CityReading>.FromStore(store, Path.GetFileName(_table.Path) + "/")).Select(r => r.Id).Order());

        // A checkpoint's deletion vector deletes rows as a commit's does: here, inline, the compacted file's first and last (ids 0 and 29).
        byte[] bitmap = DeletionVectorBytes.Bitmap([0, 19]);
        state[2] = state[2] with { Add = state[2].Add! with { DeletionVector = new CheckpointDeletionVector("i", DeletionVectorBytes.Z85(bitmap), null, bitmap.Length, 2) } };
        await ParquetDatasetWriter<CheckpointAction>.WriteFileAsync(Path.Combine(_table.Path, "_delta_log", $"{2:D20}.checkpoint.parquet"), state);
        Assert.Equal(Current.Where(id => id is not (0 or 29)).Order(), ParquetFiles.ReadAll(ParquetSource<CityReading>.FromDirectory(_table.Path)).Select(r => r.Id).Order());
    }

    [Fact]
    public async Task A_checkpoint_in_parts_without_the_newer_fields_reads_as_one_and_an_incomplete_one_is_not_used()
    {
        OldCheckpointAction[] first = [new(null, null, new CheckpointMetaData("t", []), null), new(null, null, null, new OldCheckpointProtocol(1, 2)), new(new OldCheckpointFile("city=Lisbon/part-00003.parquet", new() { ["city"] = "Lisbon" }, 1, true), null, null, null)];
        OldCheckpointAction[] second = [new(new OldCheckpointFile("city=S%C3%A3o%20Paulo/part-00001.parquet", new() { ["city"] = "São Paulo" }, 1, true), null, null, null)];
        string Part(int part) => Path.Combine(_table.Path, "_delta_log", $"{2:D20}.checkpoint.{part:D10}.{2:D10}.parquet");
        await ParquetDatasetWriter<OldCheckpointAction>.WriteFileAsync(Part(1), first);
        await ParquetDatasetWriter<OldCheckpointAction>.WriteFileAsync(Part(2), second);
        File.Delete(CommitPath(0));
        File.Delete(CommitPath(1));

        Assert.Equal(Current.Order(), ParquetFiles.ReadAll(ParquetSource<CityReading>.FromDirectory(_table.Path)).Select(r => r.Id).Order());

        File.Delete(Part(2));
        Assert.Contains("no checkpoint with every later commit", Assert.Throws<UnsupportedParquetFeatureException>(() => ParquetSource<CityReading>.FromDirectory(_table.Path)).Message, StringComparison.Ordinal);
    }

    private static CheckpointFile AddedFile(string escapedPath) => new(escapedPath, new() { ["city"] = CityOf(escapedPath) }, 1, true, null);

    /// <summary>An add action as Spark writes one: the partition value in the log as well as in the path.</summary>
    private static string Add(string escapedPath) =>
        $$$"""{"add":{"path":"{{{escapedPath}}}","partitionValues":{"city":"{{{CityOf(escapedPath)}}}"},"size":1,"modificationTime":0,"dataChange":true}}""";

    private static string CityOf(string escapedPath) => Uri.UnescapeDataString(escapedPath.Split('/')[0]["city=".Length..]);

    private static string Remove(string escapedPath) =>
        $$$"""{"remove":{"path":"{{{escapedPath}}}","deletionTimestamp":0,"dataChange":true}}""";

    private string CommitPath(long version) => Path.Combine(_table.Path, "_delta_log", $"{version:D20}.json");

    private void Commit(long version, params string[] actions)
    {
        Directory.CreateDirectory(Path.Combine(_table.Path, "_delta_log"));
        File.WriteAllText(CommitPath(version), string.Join('\n', actions) + "\n");
    }

    private void Write(string relativePath, int firstId, string city) => Write(relativePath, [.. Enumerable.Range(firstId, 10)], city);

    private void Write(string relativePath, int[] ids, string city)
    {
        string path = Path.Combine(_table.Path, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Delta, as Hive, leaves the partition column out of the files.
        ParquetDatasetWriter<Measurement>.WriteFileAsync(path, ids.Select(i => new Measurement(i, city, i))).GetAwaiter().GetResult();
    }
}
