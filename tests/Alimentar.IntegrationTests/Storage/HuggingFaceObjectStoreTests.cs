namespace Alimentar.IntegrationTests;

/// <summary>
/// A dataset on the Hugging Face Hub read through <see cref="HuggingFaceObjectStore"/>, against an in-process hub that
/// answers as the Hub's API does (<see cref="FakeHub"/>): listed across pages and read by range through the content
/// server the Hub redirects to, at one commit however the branch moves, at a revision named with a slash, and with a
/// gated dataset's token sent to the Hub and never to its content server.
/// </summary>
public sealed class HuggingFaceObjectStoreTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alimentar-hub-").FullName;
    private readonly HttpClient _client = new();
    private FakeHub _hub = null!;

    public async Task InitializeAsync() => _hub = await FakeHub.StartAsync("alimentar/trips");

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _hub.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private HuggingFaceObjectStore Store(string revision = "main") => new(_client, _hub.Dataset, revision, _hub.Endpoint);

    /// <summary>The bytes of a Parquet file of <paramref name="rows"/> trips from id <paramref name="first"/>, and its path on disk.</summary>
    private async Task<(byte[] Bytes, string Path)> TripsAsync(int first, int rows)
    {
        string path = Path.Combine(_directory, $"{first}-{rows}.parquet");
        await ParquetDatasetWriter<StoredRow>.WriteFileAsync(path, Enumerable.Range(first, rows).Select(i => new StoredRow(i, $"s{i % 7}", i % 5 == 0 ? null : i * 0.25)), rowGroupSize: 300);
        return (await File.ReadAllBytesAsync(path), path);
    }

    [Fact]
    public async Task A_dataset_listed_across_pages_reads_the_same_rows_as_from_disk_by_prefix_and_by_key()
    {
        var parts = new List<(byte[] Bytes, string Path)>();
        var changes = new Dictionary<string, byte[]?> { ["README.md"] = "# trips"u8.ToArray(), ["other/part-9.parquet"] = (await TripsAsync(9_000, 10)).Bytes };
        for (int i = 0; i < 5; i++)
        {
            parts.Add(await TripsAsync(i * 1_000, 700 + i));
            changes[$"data/train/part-{i}.parquet"] = parts[^1].Bytes;
        }

        _hub.Commit(changes);
        HuggingFaceObjectStore store = Store();

        List<StoredRow> listed = ParquetFiles.ReadAll(ParquetSource<StoredRow>.FromStore(store, "data/"));
        Assert.Equal(parts.SelectMany(p => ParquetFiles.ReadAll(new ParquetSource<StoredRow>(p.Path))), listed);
        Assert.Contains(_hub.Requests, r => r.Contains("cursor=", StringComparison.Ordinal));

        List<StoredRow> one = ParquetFiles.ReadAll(new ParquetSource<StoredRow>(store, "data/train/part-3.parquet").BatchSize(128));
        Assert.Equal(ParquetFiles.ReadAll(new ParquetSource<StoredRow>(parts[3].Path)), one);

        // Lengths and ETags come from the listing: the content's hash, the same as the file's own description gives.
        ObjectInfo[] objects = await store.ListAsync("data/train/part-", CancellationToken.None).ToArrayAsync();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"data/train/part-{i}.parquet"), objects.Select(o => o.Key).Order(StringComparer.Ordinal));
        ObjectInfo third = objects.Single(o => o.Key.EndsWith("part-3.parquet", StringComparison.Ordinal));
        Assert.Equal(parts[3].Bytes.Length, third.Length);
        Assert.Equal($"\"{FakeHub.Hash(parts[3].Bytes)}\"", third.ETag);
        Assert.Equal(third, await store.GetInfoAsync("data/train/part-3.parquet", CancellationToken.None));
        Assert.Equal("hf://datasets/alimentar/trips", store.Name);
    }

    [Fact]
    public async Task A_store_reads_the_commit_its_revision_named_when_first_used_however_the_branch_moves()
    {
        (byte[] before, string beforePath) = await TripsAsync(0, 500);
        string first = _hub.Commit(new Dictionary<string, byte[]?> { ["data/part-0.parquet"] = before });
        HuggingFaceObjectStore store = Store();
        Assert.Equal(first, await store.ResolveCommitAsync(CancellationToken.None));

        (byte[] after, string afterPath) = await TripsAsync(10_000, 300);
        _hub.Commit(new Dictionary<string, byte[]?> { ["data/part-0.parquet"] = after, ["data/part-1.parquet"] = after });

        Assert.Equal(ParquetFiles.ReadAll(new ParquetSource<StoredRow>(beforePath)), ParquetFiles.ReadAll(ParquetSource<StoredRow>.FromStore(store, "data/")));
        Assert.Equal(ParquetFiles.ReadAll(new ParquetSource<StoredRow>(afterPath)).Count * 2, ParquetFiles.ReadAll(ParquetSource<StoredRow>.FromStore(Store(), "data/")).Count);

        // A commit named by its hash is read without asking the Hub which commit it is.
        int asked = _hub.Requests.Count(r => r.Contains("/revision/", StringComparison.Ordinal));
        Assert.Equal(ParquetFiles.ReadAll(new ParquetSource<StoredRow>(beforePath)), ParquetFiles.ReadAll(new ParquetSource<StoredRow>(Store(first), "data/part-0.parquet")));
        Assert.Equal(asked, _hub.Requests.Count(r => r.Contains("/revision/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_revision_with_a_slash_such_as_the_Hub_s_Parquet_conversion_is_read()
    {
        (byte[] bytes, string path) = await TripsAsync(0, 400);
        _hub.Commit(new Dictionary<string, byte[]?> { ["default/train/0000.parquet"] = bytes }, branch: "refs/convert/parquet");

        HuggingFaceObjectStore store = Store("refs/convert/parquet");

        Assert.Equal(ParquetFiles.ReadAll(new ParquetSource<StoredRow>(path)), ParquetFiles.ReadAll(ParquetSource<StoredRow>.FromStore(store, "default/train/")));
        Assert.Equal("hf://datasets/alimentar/trips@refs%2Fconvert%2Fparquet", store.Name);
    }

    [Fact]
    public async Task A_gated_dataset_wants_the_token_on_the_client_which_never_reaches_the_content_server()
    {
        (byte[] bytes, string path) = await TripsAsync(0, 400);
        _hub.Commit(new Dictionary<string, byte[]?> { ["data/part-0.parquet"] = bytes });
        _hub.Token = "hf_secret";

        SourceUnavailableException refused = Assert.Throws<SourceUnavailableException>(() => ParquetFiles.ReadAll(ParquetSource<StoredRow>.FromStore(Store(), "data/")));
        Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("token", refused.ToString(), StringComparison.Ordinal);

        // Listed without the token, its files still want it.
        _hub.ListsWithoutToken = true;
        refused = Assert.Throws<SourceUnavailableException>(() => ParquetFiles.ReadAll(ParquetSource<StoredRow>.FromStore(Store(), "data/")));
        Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("needs a token", refused.ToString(), StringComparison.Ordinal);

        _client.DefaultRequestHeaders.Authorization = new("Bearer", "hf_secret");
        Assert.Equal(ParquetFiles.ReadAll(new ParquetSource<StoredRow>(path)), ParquetFiles.ReadAll(ParquetSource<StoredRow>.FromStore(Store(), "data/")));
        Assert.Contains(_hub.Requests, r => r.StartsWith("/cdn/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_file_and_a_missing_revision_are_named()
    {
        _hub.Commit(new Dictionary<string, byte[]?> { ["data/part-0.parquet"] = (await TripsAsync(0, 10)).Bytes });

        ObjectStoreException file = await Assert.ThrowsAsync<ObjectStoreException>(async () => await Store().GetInfoAsync("data/none.parquet", CancellationToken.None));
        Assert.Equal(404, file.StatusCode);
        Assert.False(file.IsTransient);
        Assert.Contains("data/none.parquet", file.Message, StringComparison.Ordinal);

        ObjectStoreException revision = await Assert.ThrowsAsync<ObjectStoreException>(() => Store("v9").ResolveCommitAsync(CancellationToken.None));
        Assert.Equal(404, revision.StatusCode);
        Assert.Contains("@v9", revision.Message, StringComparison.Ordinal);
        Assert.Empty(await Store().ListAsync("nowhere/", CancellationToken.None).ToArrayAsync());
    }

    [Theory]
    [InlineData("{\"error\": \"Invalid cursor\"}", "where a list of files belongs")]
    [InlineData("[{\"type\": \"file\", \"path\": \"data/a.parquet\"}]", "without a path or a length")]
    [InlineData("[{\"type\": \"file\", \"size\": 12}]", "without a path or a length")]
    [InlineData("[{\"type\": \"file\", \"path\": \"data/a.parquet\", \"size\": \"big\"}]", "without a path or a length")]
    [InlineData("not json", "not JSON")]
    public async Task A_damaged_listing_is_an_object_store_error_naming_what_is_wrong(string answer, string named)
    {
        _hub.Commit(new Dictionary<string, byte[]?> { ["data/a.parquet"] = (await TripsAsync(0, 10)).Bytes });
        _hub.TreeAnswer = answer;

        ObjectStoreException error = await Assert.ThrowsAsync<ObjectStoreException>(async () => await Store().ListAsync("data/", CancellationToken.None).ToArrayAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task A_listing_whose_next_page_repeats_a_page_or_leaves_the_hub_is_refused_not_followed()
    {
        string commit = _hub.Commit(new Dictionary<string, byte[]?> { ["data/a.parquet"] = (await TripsAsync(0, 10)).Bytes });

        // The first page names itself as the next: followed, the listing would never end.
        _hub.TreeLink = $"<{_hub.Endpoint}api/datasets/{_hub.Dataset}/tree/{commit}/data?recursive=True>; rel=\"next\"";
        ObjectStoreException loop = await Assert.ThrowsAsync<ObjectStoreException>(async () => await Store().ListAsync("data/", CancellationToken.None).ToArrayAsync());
        Assert.Contains("next page is one it has already given", loop.Message, StringComparison.Ordinal);

        // A next page on another server would be sent the client's token.
        _hub.TreeLink = "<http://elsewhere.invalid/api/datasets/x/tree/y?cursor=2>; rel=\"next\"";
        ObjectStoreException away = await Assert.ThrowsAsync<ObjectStoreException>(async () => await Store().ListAsync("data/", CancellationToken.None).ToArrayAsync());
        Assert.Contains("next page is on another server (http://elsewhere.invalid)", away.Message, StringComparison.Ordinal);
        Assert.False(away.IsTransient);
    }

    [Fact]
    public void A_dataset_is_named_owner_slash_name()
    {
        Assert.Throws<ArgumentException>(() => new HuggingFaceObjectStore(_client, "trips"));
        Assert.Throws<ArgumentException>(() => new HuggingFaceObjectStore(_client, "a/b/c"));
        Assert.Throws<ArgumentException>(() => new HuggingFaceObjectStore(_client, "a/b", revision: " "));
    }
}
