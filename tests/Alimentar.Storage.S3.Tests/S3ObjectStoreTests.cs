using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Alimentar.Storage.S3.Tests;

/// <summary><see cref="S3ObjectStore"/> against moto_server (Python's moto), started and stopped by the class.</summary>
public sealed class S3ObjectStoreTests : ObjectStoreConformance, IAsyncLifetime
{
    private const string Bucket = "datasets";
    private const string Install = "pip install 'moto[server]'";
    private Emulator? _moto;
    private AmazonS3Client? _client;

    protected override IObjectStore Store => new S3ObjectStore(_client!, Bucket);

    public async Task InitializeAsync()
    {
        if (EmulatorTools.Path(EmulatorTools.Moto) is not { } moto)
        {
            return;
        }

        _moto = await Emulator.StartAsync(moto, (port, _) => $"-H 127.0.0.1 -p {port}");
        _client = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config
        {
            ServiceURL = $"http://127.0.0.1:{_moto.Port}",
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        await _client.PutBucketAsync(Bucket);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    protected override string AbsoluteUriOf(string key) => $"s3a://{Bucket}/{key}";

    protected override async Task UploadAsync(string key, string path) =>
        await _client!.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, FilePath = path });

    [EmulatorFact(EmulatorTools.Moto, Install)]
    public Task A_file_and_a_listed_prefix_give_the_same_rows_as_from_disk() => SameRowsAsFromDiskAsync();

    [EmulatorFact(EmulatorTools.Moto, Install)]
    public Task A_dataset_partitioned_in_S3_keys_reads_its_keys_and_filters_on_them() => PartitionKeysComeFromObjectKeysAsync();

    [EmulatorFact(EmulatorTools.Moto, Install)]
    public Task An_object_replaced_mid_read_is_refused() => ReplacedMidReadIsRefusedAsync();

    [EmulatorFact(EmulatorTools.Moto, Install)]
    public Task A_missing_object_is_named_with_its_status() => MissingObjectIsNamedAsync();

    [EmulatorFact(EmulatorTools.Moto, Install)]
    public Task Objects_in_S3_shard_shuffle_and_resume_like_local_files() => ShardsShuffleAndResumeAsync();

    [EmulatorFact(EmulatorTools.Moto, Install)]
    public Task The_store_lists_lengths_and_ETags_and_reads_explicit_ranges() => ListsLengthsAndETagsAndReadsExplicitRangesAsync();

    [EmulatorFact(EmulatorTools.Moto, Install)]
    public Task Delta_tables_in_S3_read_as_from_disk() => DeltaTablesReadAsFromDiskAsync();

    [EmulatorFact(EmulatorTools.Moto, Install)]
    public Task The_version_of_a_Delta_table_at_a_moment_comes_from_listed_times_or_in_commit_timestamps() => DeltaVersionsAtMomentsAsync();

    [EmulatorFact(EmulatorTools.Moto, Install)]
    public Task A_shallow_clone_reads_its_source_s_files_by_absolute_URI_where_the_store_holds_them() => ShallowClonesReadTheirSourceFilesAsync();

    [EmulatorFact(EmulatorTools.Moto, Install)]
    public Task Datasets_and_multipart_objects_are_written_to_S3_and_appear_only_when_complete() => WritesDatasetsAndObjectsOnlyWhenCompleteAsync();

    [Theory]
    [InlineData(null, "names no continuation token")]
    [InlineData("same", "gives a continuation token it gave before")]
    public async Task A_listing_cut_off_with_no_new_place_to_go_on_from_is_refused_not_listed_forever(string? token, string named)
    {
        using var client = new CutOffListings(token);
        var store = new S3ObjectStore(client, Bucket);

        // Followed, the listing would never end: ten thousand objects from two keys stand for forever.
        ObjectStoreException error = await Assert.ThrowsAsync<ObjectStoreException>(async () => await store.ListAsync("data/", CancellationToken.None).Take(10_000).ToArrayAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.InRange(client.Listings, 1, 2);
    }

    /// <summary>An S3 client whose every listing says it is cut off, naming <c>token</c> to go on from; no server is asked.</summary>
    private sealed class CutOffListings(string? token) : AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = "http://127.0.0.1:9" })
    {
        public int Listings { get; private set; }

        public override Task<ListObjectsV2Response> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
        {
            Listings++;
            return Task.FromResult(new ListObjectsV2Response { IsTruncated = true, NextContinuationToken = token, S3Objects = [new S3Object { Key = $"data/part-{Listings}.parquet", Size = 10 }] });
        }
    }
}
