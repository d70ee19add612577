using Azure.Storage.Blobs;

namespace Alimentar.Storage.Azure.Tests;

/// <summary><see cref="AzureBlobObjectStore"/> against Azurite (npm, pinned to 3.35.0), started and stopped by the class.</summary>
public sealed class AzureBlobObjectStoreTests : ObjectStoreConformance, IAsyncLifetime
{
    private const string Install = "npm install --prefix tools/azurite";

    // Azurite's well-known development account.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Emulator? _azurite;
    private BlobContainerClient? _container;

    protected override IObjectStore Store => new AzureBlobObjectStore(_container!);

    public async Task InitializeAsync()
    {
        if (EmulatorTools.Path(EmulatorTools.Azurite) is not { } azurite)
        {
            return;
        }

        _azurite = await Emulator.StartAsync(azurite, (port, work) =>
            $"--blobHost 127.0.0.1 --blobPort {port} --location \"{work}\" --silent --disableTelemetry --skipApiVersionCheck");
        string connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{_azurite.Port}/devstoreaccount1;";
        _container = new BlobContainerClient(connection, "datasets");
        await _container.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    protected override string AbsoluteUriOf(string key) => $"abfss://datasets@devstoreaccount1.dfs.core.windows.net/{key}";

    protected override bool FollowsAbsoluteUris => false;

    protected override async Task UploadAsync(string key, string path) =>
        await _container!.GetBlobClient(key).UploadAsync(path, overwrite: true);

    [EmulatorFact(EmulatorTools.Azurite, Install)]
    public Task A_file_and_a_listed_prefix_give_the_same_rows_as_from_disk() => SameRowsAsFromDiskAsync();

    [EmulatorFact(EmulatorTools.Azurite, Install)]
    public Task A_dataset_partitioned_in_blob_names_reads_its_keys_and_filters_on_them() => PartitionKeysComeFromObjectKeysAsync();

    [EmulatorFact(EmulatorTools.Azurite, Install)]
    public Task A_blob_replaced_mid_read_is_refused() => ReplacedMidReadIsRefusedAsync();

    [EmulatorFact(EmulatorTools.Azurite, Install)]
    public Task A_missing_blob_is_named_with_its_status() => MissingObjectIsNamedAsync();

    [EmulatorFact(EmulatorTools.Azurite, Install)]
    public Task Blobs_shard_shuffle_and_resume_like_local_files() => ShardsShuffleAndResumeAsync();

    [EmulatorFact(EmulatorTools.Azurite, Install)]
    public Task The_store_lists_lengths_and_ETags_and_reads_explicit_ranges() => ListsLengthsAndETagsAndReadsExplicitRangesAsync();

    [EmulatorFact(EmulatorTools.Azurite, Install)]
    public Task Datasets_and_block_blobs_are_written_to_Azure_and_appear_only_when_complete() => WritesDatasetsAndObjectsOnlyWhenCompleteAsync();

    [EmulatorFact(EmulatorTools.Azurite, Install)]
    public Task Delta_tables_in_Azure_read_as_from_disk() => DeltaTablesReadAsFromDiskAsync();

    [EmulatorFact(EmulatorTools.Azurite, Install)]
    public Task The_version_of_a_Delta_table_at_a_moment_comes_from_listed_times_or_in_commit_timestamps() => DeltaVersionsAtMomentsAsync();

    [EmulatorFact(EmulatorTools.Azurite, Install)]
    public Task A_shallow_clone_reads_its_source_s_files_by_absolute_URI_where_the_store_holds_them() => ShallowClonesReadTheirSourceFilesAsync();
}
