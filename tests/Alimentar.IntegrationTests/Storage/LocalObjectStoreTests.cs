namespace Alimentar.IntegrationTests;

/// <summary><see cref="LocalObjectStore"/> through the conformance every store passes: rows, listing, replacement, missing keys, training plans.</summary>
public sealed class LocalObjectStoreTests : ObjectStoreConformance
{
    private readonly string _root = Directory.CreateTempSubdirectory("alimentar-local-store-").FullName;

    protected override IObjectStore Store => new LocalObjectStore(_root);

    protected override string AbsoluteUriOf(string key) => new Uri(Path.Combine(_root, key)).AbsoluteUri;

    protected override Task UploadAsync(string key, string path)
    {
        string target = Path.Combine(_root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(path, target, overwrite: true);
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Directory.Delete(_root, recursive: true);
        }

        base.Dispose(disposing);
    }

    [Fact]
    public Task A_file_and_a_listed_prefix_give_the_same_rows_as_from_disk() => SameRowsAsFromDiskAsync();

    [Fact]
    public Task A_dataset_partitioned_in_keys_reads_its_keys_and_filters_on_them() => PartitionKeysComeFromObjectKeysAsync();

    [Fact]
    public Task A_file_replaced_mid_read_is_refused() => ReplacedMidReadIsRefusedAsync();

    [Fact]
    public Task A_missing_file_is_named_with_its_status() => MissingObjectIsNamedAsync();

    [Fact]
    public Task Files_shard_shuffle_and_resume_through_the_store() => ShardsShuffleAndResumeAsync();

    [Fact]
    public Task The_store_lists_lengths_and_ETags_and_reads_explicit_ranges() => ListsLengthsAndETagsAndReadsExplicitRangesAsync();

    [Fact]
    public Task Delta_tables_in_the_store_read_as_from_disk() => DeltaTablesReadAsFromDiskAsync();

    [Fact]
    public Task The_version_of_a_Delta_table_at_a_moment_comes_from_listed_times_or_in_commit_timestamps() => DeltaVersionsAtMomentsAsync();

    [Fact]
    public Task A_shallow_clone_reads_its_source_s_files_by_absolute_URI_where_the_store_holds_them() => ShallowClonesReadTheirSourceFilesAsync();

    [Fact]
    public void A_key_that_climbs_out_of_the_root_is_refused() =>
        Assert.Throws<ArgumentException>(() => Store.GetInfoAsync("../outside.parquet", CancellationToken.None).AsTask().GetAwaiter().GetResult());

    [Fact]
    public Task Datasets_and_files_are_written_to_a_folder_and_appear_only_when_complete() => WritesDatasetsAndObjectsOnlyWhenCompleteAsync();
}
