namespace Alimentar.Parquet.Writing;

/// <summary>
/// A column chunk's Bloom filter, sized for the distinct values the chunk holds, up to the distinct values the column
/// is configured for. A chunk of a few dozen categories gets a filter of a few blocks rather than one sized for the
/// configured 100,000 (128 KiB per row group and column at 1%). The distinct hashes are kept while they take about the
/// memory of the configured filter; past that, the configured filter is filled directly, as it always was.
/// </summary>
internal sealed class BloomFilterBuilder(long distinctValues, double falsePositiveRate)
{
    // A HashSet<ulong> entry takes about 20 bytes (entry and bucket); a filter about 1.2 bytes a value at 1%.
    private readonly int _mostKept = Math.Max(64, BloomFilter.BytesFor(distinctValues, falsePositiveRate) / 16);
    private HashSet<ulong>? _kept = [];
    private BloomFilter? _configured;

    /// <summary>Adds a value given its PLAIN bytes.</summary>
    public void Insert(ReadOnlySpan<byte> plainValue)
    {
        ulong hash = BloomFilter.Hash(plainValue);
        if (_kept is not { } kept)
        {
            _configured!.InsertHash(hash);
            return;
        }

        if (kept.Add(hash) && kept.Count > _mostKept)
        {
            _configured = BloomFilter.ForDistinctValues(distinctValues, falsePositiveRate);
            foreach (ulong each in kept)
            {
                _configured.InsertHash(each);
            }

            _kept = null;
        }
    }

    /// <summary>The chunk's filter: for the distinct values met, when they were few enough to keep, else the configured one.</summary>
    public BloomFilter Build()
    {
        if (_configured is { } configured)
        {
            return configured;
        }

        BloomFilter filter = BloomFilter.ForDistinctValues(Math.Min(_kept!.Count, distinctValues), falsePositiveRate);
        foreach (ulong hash in _kept)
        {
            filter.InsertHash(hash);
        }

        return filter;
    }
}
