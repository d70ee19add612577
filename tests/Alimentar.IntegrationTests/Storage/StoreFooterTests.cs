using Alimentar.Parquet.Reading;

namespace Alimentar.IntegrationTests;

/// <summary>
/// A source over an object keeps the footer it parsed in a cache the process shares, within a budget: a chain over
/// thousands of objects kept every footer before, memory set by the dataset rather than the batch. The budget is
/// process-wide, so this runs alone.
/// </summary>
[Collection(ProcessWideCountersCollection.Name)]
public sealed class StoreFooterTests
{
    private const int Files = 12;

    [Fact]
    public async Task A_chain_over_many_objects_keeps_their_footers_within_the_budget_and_fetches_those_let_go_again()
    {
        using var folder = new TempDirectory();
        var expected = new List<Measurement>();
        for (int f = 0; f < Files; f++)
        {
            Measurement[] rows = [.. Enumerable.Range(0, 3_000).Select(i => new Measurement(f * 10_000L + i, $"s{i % 9}", i * 0.5))];
            await ParquetDatasetWriter<Measurement>.WriteFileAsync(Path.Combine(folder.Path, $"part-{f:D2}.parquet"), rows, rowGroupSize: 1_000);
            expected.AddRange(rows);
        }

        var store = new CountingFooterReads(new LocalObjectStore(folder.Path));
        FooterCache cache = FooterCache.Shared;
        long budget = cache.Budget;
        try
        {
            // Room for two of these footers (6,272 bytes each, as estimated: three row groups of three columns), not three.
            cache.Budget = 13_000;
            // A guess of 8 bytes fetches the footer's length alone first, so each footer parsed is one read of the last 8 bytes.
            IBatchSource<Measurement> source = ParquetSource<Measurement>.FromStore(store, "", options: new ObjectReadOptions { FooterGuessBytes = 8 });
            Assert.Equal(expected, ParquetFiles.ReadAll(source));
            int firstPass = store.FooterReads;
            Assert.Equal(expected, ParquetFiles.ReadAll(source));
            int secondPass = store.FooterReads - firstPass;

            Assert.True(cache.Bytes <= cache.Budget, $"the cache holds {cache.Bytes} bytes over a budget of {cache.Budget}");
            Assert.True(secondPass >= Files - 2, $"the second pass fetched {secondPass} footers of {Files}, where at most two could be kept");

            // With room for all, a pass keeps every footer and the next fetches none.
            cache.Budget = budget;
            ParquetFiles.ReadAll(source);
            int kept = store.FooterReads;
            Assert.Equal(expected, ParquetFiles.ReadAll(source));
            Assert.Equal(kept, store.FooterReads);
        }
        finally
        {
            cache.Budget = budget;
        }
    }

    /// <summary>Counts the reads of an object's last 8 bytes (the footer's length and magic): one per footer parsed.</summary>
    private sealed class CountingFooterReads(IObjectStore inner) : IObjectStore
    {
        private int _footerReads;

        public int FooterReads => Volatile.Read(ref _footerReads);

        public string Name => inner.Name;

        public ValueTask<ObjectInfo> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

        public ValueTask ReadAsync(ObjectInfo target, long offset, Memory<byte> destination, CancellationToken cancellationToken)
        {
            if (offset == target.Length - 8 && destination.Length == 8)
            {
                Interlocked.Increment(ref _footerReads);
            }

            return inner.ReadAsync(target, offset, destination, cancellationToken);
        }

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
    }
}
