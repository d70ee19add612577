using System.Globalization;

namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record DeltaBirth(string? Name, int? Age, int? Birthyear);

/// <summary>
/// A table Spark 4.1 with Delta 4.3 wrote with in-commit timestamps and change data feed (<c>tests/data/delta/cdc_ict_table</c>):
/// each version reads the rows its commits left (the change files beside them are not the table's), and the version
/// at a moment is dated by the timestamps in the commits, not by the commit files' times.
/// </summary>
public sealed class InCommitTimestampTableTests : IDisposable
{
    // The commits' in-commit timestamps (milliseconds since 1970): create, insert, delete, update.
    private const long Created = 1783874203271;
    private const long Deleted = 1783874212175;
    private const long Updated = 1783874213881;

    private static readonly string Table = Path.Combine(DeltaTables.Root, "cdc_ict_table");

    private readonly TempDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Each_version_reads_the_rows_its_commits_left_and_not_the_change_files()
    {
        // Version 1 inserted four rows, one file each; the oracle is DuckDB reading those files.
        (string Name, int Age, int Birthyear)[] inserted =
        [
            .. new[] { "519aea05", "3af00d15", "447012a2", "c263fb0e" }.Select(id => Directory.GetFiles(Table, $"*{id}*.parquet", SearchOption.AllDirectories).Single())
                .Select(file => (DuckJson.Column(file, "name").Single().GetString()!, DuckJson.Column(file, "age").Single().GetInt32(), int.Parse(Path.GetFileName(Path.GetDirectoryName(file))!["birthyear=".Length..], CultureInfo.InvariantCulture))),
        ];
        Assert.Equal(4, inserted.Length);

        // Commit 2: DELETE WHERE birthyear = 1995 AND age < 30; commit 3: an UPDATE of every row (age + 1, by the change files).
        var afterDelete = inserted.Where(r => !(r.Birthyear == 1995 && r.Age < 30)).ToArray();
        var afterUpdate = afterDelete.Select(r => r with { Age = r.Age + 1 }).ToArray();

        Assert.Empty(Read(0));
        Assert.Equal(inserted.Order(), Read(1));
        Assert.Equal(afterDelete.Order(), Read(2));
        Assert.Equal(afterUpdate.Order(), Read(3));
        Assert.Equal(afterUpdate.Order(), ParquetFiles.ReadAll(ParquetSource<DeltaBirth>.FromDirectory(Table)).Select(Tuple).Order());
    }

    [Fact]
    public void A_version_with_no_file_is_a_table_of_no_rows_to_every_pass()
    {
        using var plain = new StreamingDataset<DeltaBirth>(ParquetSource<DeltaBirth>.FromDeltaTable(Table, 0));
        using var planned = new StreamingDataset<DeltaBirth>(ParquetSource<DeltaBirth>.FromDeltaTable(Table, 0)).WithShuffle(7).WithShard(rank: 1, worldSize: 2).WithEpoch(3);

        Assert.Equal(0, plain.TotalRows);
        Assert.Empty(plain.Rows());
        Assert.Empty(planned.Rows());
    }

    [Fact]
    public void The_version_at_a_moment_follows_the_in_commit_timestamps_whatever_the_files_times()
    {
        // A copy whose commit files all bear one time, long after the commits: only the timestamps inside them can date them.
        string table = DeltaTables.CopyOf("cdc_ict_table", _scratch.Path);
        foreach (string commit in Directory.GetFiles(Path.Combine(table, "_delta_log"), "*.json"))
        {
            File.SetLastWriteTimeUtc(commit, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        // Commit 1's in-commit timestamp lies 100,000,000 s before its `timestamp` (delta-rs edited it, so that a
        // reader of the wrong field is caught), and so before commit 0's: moments before the delete are not asserted.
        static DateTimeOffset At(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        Assert.Equal(1, DeltaTable.VersionAt(table, At(Deleted - 1)));
        Assert.Equal(2, DeltaTable.VersionAt(table, At(Deleted)));
        Assert.Equal(2, DeltaTable.VersionAt(table, At(Updated - 1)));
        Assert.Equal(3, DeltaTable.VersionAt(table, At(Updated)));
        Assert.Equal(3, DeltaTable.VersionAt(table, new DateTimeOffset(2029, 12, 31, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains("no version as early as", Assert.Throws<SourceUnavailableException>(() => DeltaTable.VersionAt(table, At(Created - 1))).Message, StringComparison.Ordinal);

        var store = new LocalObjectStore(_scratch.Path);
        Assert.Equal(2, DeltaTable.VersionAt(store, "cdc_ict_table/", At(Updated - 1)));
    }

    [Fact]
    public void A_damaged_in_commit_timestamp_is_an_error_naming_the_commit()
    {
        string table = DeltaTables.CopyOf("cdc_ict_table", _scratch.Path);
        string latest = Path.Combine(table, "_delta_log", "00000000000000000003.json");
        File.WriteAllText(latest, File.ReadAllText(latest).Replace($"\"inCommitTimestamp\":{Updated}", "\"inCommitTimestamp\":\"soon\"", StringComparison.Ordinal));

        var error = Assert.Throws<CorruptParquetFileException>(() => DeltaTable.VersionAt(table, DateTimeOffset.UtcNow));

        Assert.Contains("commit 3 has an in-commit timestamp that is not a time in milliseconds (\"soon\")", error.Message, StringComparison.Ordinal);
    }

    private static (string Name, int Age, int Birthyear)[] Read(long version) =>
        [.. ParquetFiles.ReadAll(ParquetSource<DeltaBirth>.FromDeltaTable(Table, version)).Select(Tuple).Order()];

    private static (string Name, int Age, int Birthyear) Tuple(DeltaBirth row) => (row.Name!, row.Age!.Value, row.Birthyear!.Value);
}
