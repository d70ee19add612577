namespace Alimentar;

/// <summary>Settings for one column of a written file; a null property takes the file's setting.</summary>
public sealed record ParquetColumnOptions
{
    /// <summary>The distinct values a Bloom filter is sized for unless <see cref="BloomFilterDistinctValues"/> says otherwise.</summary>
    public const int DefaultBloomFilterDistinctValues = 100_000;

    /// <summary>This column's codec.</summary>
    public ParquetCompression? Compression { get; init; }

    /// <summary>This column's codec level.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>This column's value encoding (default <see cref="ParquetValueEncoding.Auto"/>); any other than Auto writes no dictionary.</summary>
    public ParquetValueEncoding Encoding { get; init; }

    /// <summary>Whether this column is dictionary encoded while it pays.</summary>
    public bool? Dictionary { get; init; }

    /// <summary>
    /// Writes a split-block Bloom filter per column chunk with this false-positive rate (for example 0.01), so readers
    /// can skip row groups that cannot hold a value an equality filter asks for; null writes none.
    /// </summary>
    public double? BloomFilterFalsePositiveRate { get; init; }

    /// <summary>
    /// The distinct values per row group the Bloom filter is sized for (default 100,000); a row group holding fewer gets a
    /// filter sized for those it holds.
    /// </summary>
    public int BloomFilterDistinctValues { get; init; } = DefaultBloomFilterDistinctValues;
}
