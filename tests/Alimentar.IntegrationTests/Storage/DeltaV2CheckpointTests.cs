namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record DeltaNamed(long? Id, string? Name, DateTime? CreatedAt);

/// <summary>A V2 checkpoint as Spark writes one: its actions and the sidecars that hold the table's files.</summary>
[StreamingDataset]
public partial record V2CheckpointAction(CheckpointProtocol? Protocol, CheckpointMetaData? MetaData, V2Sidecar? Sidecar);

public sealed record V2Sidecar(string Path, long SizeInBytes, long ModificationTime);

/// <summary>
/// Delta tables whose early commits are gone and whose state a V2 checkpoint holds (<c>N.checkpoint.UUID.json</c>,
/// its files in <c>_delta_log/_sidecars</c>): Databricks Runtime's <c>checkpoint-v2-table</c> (tests/data/delta).
/// </summary>
public sealed class DeltaV2CheckpointTests : IDisposable
{
    private static readonly string Original = Path.Combine(DeltaTables.Root, "checkpoint-v2-table");

    private readonly TempDirectory _copy = new();

    public DeltaV2CheckpointTests()
    {
        Table = DeltaTables.CopyOf("checkpoint-v2-table", _copy.Path);

        // A log cleaned up past the checkpoint at 8: only it and commit 9 describe the table.
        for (int version = 0; version <= 8; version++)
        {
            File.Delete(Path.Combine(Table, "_delta_log", $"{version:D20}.json"));
        }
    }

    private string Table { get; }

    public void Dispose() => _copy.Dispose();

    /// <summary>The table only ever appended: every file in its folder is current, as DuckDB reads them all.</summary>
    private static long[] Expected => [.. DuckJson.Column(Path.Combine(Original, "*.parquet"), "id").Select(v => v.GetInt64()).Order()];

    [Fact]
    public void A_table_whose_commits_were_cleaned_up_reads_from_its_V2_checkpoint_and_sidecars_as_from_its_commits()
    {
        Assert.Equal(44, Expected.Length);
        Assert.Equal(Expected, ReadIds(ParquetSource<DeltaNamed>.FromDirectory(Original)));
        Assert.Equal(Expected, ReadIds(ParquetSource<DeltaNamed>.FromDirectory(Table)));
        Assert.Equal(Expected, ReadIds(ParquetSource<DeltaNamed>.FromStore(new LocalObjectStore(_copy.Path), "checkpoint-v2-table/")));
    }

    [Fact]
    public async Task A_V2_checkpoint_in_Parquet_names_its_sidecars_as_the_JSON_one_does()
    {
        string json = Directory.GetFiles(Path.Combine(Table, "_delta_log"), $"{8:D20}.checkpoint.*.json").Single();
        string sidecar = Path.GetFileName(Directory.GetFiles(Path.Combine(Table, "_delta_log", "_sidecars"), $"{8:D20}.*").Single());
        File.Delete(json);
        await ParquetDatasetWriter<V2CheckpointAction>.WriteFileAsync(Path.ChangeExtension(json, ".parquet"),
        [
            new(new CheckpointProtocol(3, 7, ["v2Checkpoint"]), null, null),
            new(null, new CheckpointMetaData("t", []), null),
            new(null, null, new V2Sidecar(sidecar, 1, 0)),
        ]);

        Assert.Equal(Expected, ReadIds(ParquetSource<DeltaNamed>.FromDirectory(Table)));
        Assert.Equal(Expected, ReadIds(ParquetSource<DeltaNamed>.FromStore(new LocalObjectStore(_copy.Path), "checkpoint-v2-table/")));
    }

    [Fact]
    public void A_missing_sidecar_is_named()
    {
        string sidecar = Directory.GetFiles(Path.Combine(Table, "_delta_log", "_sidecars"), $"{8:D20}.*").Single();
        File.Delete(sidecar);

        Assert.Contains(Path.GetFileName(sidecar), Assert.Throws<SourceUnavailableException>(() => ParquetSource<DeltaNamed>.FromDirectory(Table)).Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(sidecar), Assert.Throws<SourceUnavailableException>(() => ParquetSource<DeltaNamed>.FromStore(new LocalObjectStore(_copy.Path), "checkpoint-v2-table/")).Message, StringComparison.Ordinal);
    }

    private static long[] ReadIds(IBatchSource<DeltaNamed> source) => [.. ParquetFiles.ReadAll(source).Select(r => r.Id!.Value).Order()];
}
