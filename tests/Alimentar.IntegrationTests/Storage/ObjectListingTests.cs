using System.Runtime.CompilerServices;

namespace Alimentar.IntegrationTests;

/// <summary>Listing a prefix for <see cref="ParquetSource{T}.FromStore"/> is retried as reads are, and fails as they do.</summary>
public sealed class ObjectListingTests : IDisposable
{
    private static readonly ObjectReadOptions Quick = new() { RetryDelay = TimeSpan.FromMilliseconds(1) };
    private readonly string _directory = Directory.CreateTempSubdirectory("alimentar-listing-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_listing_cut_off_by_a_dropped_connection_is_listed_again_and_the_rows_come_out_whole()
    {
        await WriteAsync("train/a.parquet", 0);
        await WriteAsync("train/b.parquet", 100);
        var store = new FailingListings(new LocalObjectStore(_directory), failures: 2, () => new IOException("connection reset by peer"));

        List<Measurement> rows = ParquetFiles.ReadAll(ParquetSource<Measurement>.FromStore(store, "train/", options: Quick));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), rows.Select(r => r.Id));
        Assert.Equal(3, store.Listings);
    }

    [Theory]
    [InlineData(503, true, "status 503 after 4 attempts", 4)]
    [InlineData(403, false, "status 403", 1)]
    public async Task A_listing_that_keeps_failing_is_unavailable_naming_the_prefix_after_the_attempts_its_error_allows(int status, bool transient, string reported, int listings)
    {
        await WriteAsync("train/a.parquet", 0);
        var store = new FailingListings(new LocalObjectStore(_directory), failures: int.MaxValue, () => new ObjectStoreException("refused", status, transient));

        SourceUnavailableException error = Assert.Throws<SourceUnavailableException>(() => ParquetSource<Measurement>.FromStore(store, "train/", options: Quick));

        Assert.Contains("train/", error.Message, StringComparison.Ordinal);
        Assert.Contains(reported, error.Message, StringComparison.Ordinal);
        Assert.Equal(listings, store.Listings);
    }

    private Task WriteAsync(string key, int first)
    {
        string path = Path.Combine(_directory, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return ParquetDatasetWriter<Measurement>.WriteFileAsync(path, Enumerable.Range(first, 100).Select(i => new Measurement(i, "s", i)));
    }

    /// <summary>A store whose first <c>failures</c> listings fail part way, after one object, with the error given.</summary>
    private sealed class FailingListings(IObjectStore inner, int failures, Func<Exception> error) : IObjectStore
    {
        public int Listings { get; private set; }

        public string Name => inner.Name;

        public ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

        public ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken) =>
            inner.ReadAsync(target, offset, destination, cancellationToken);

        public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            bool fails = ++Listings <= failures;
            await foreach (ObjectInfo found in inner.ListAsync(prefix, cancellationToken))
            {
                yield return found;
                if (fails)
                {
                    throw error();
                }
            }
        }
    }
}
