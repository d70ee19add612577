using Alimentar.Parquet.Format;

namespace Alimentar.Parquet.Writing;

/// <summary>How one leaf column's pages are written, resolved from <see cref="ParquetWriteOptions"/> and its per-column overrides.</summary>
internal sealed record LeafWriteSettings
{
    public CompressionCodec Codec { get; init; } = CompressionCodec.Snappy;

    public int? CompressionLevel { get; init; }

    public int PageSize { get; init; } = ParquetWriteOptions.DefaultPageSize;

    public int PageRowLimit { get; init; } = ParquetWriteOptions.DefaultPageRowLimit;

    public bool Dictionary { get; init; } = true;

    public ParquetValueEncoding Encoding { get; init; }

    /// <summary>
    /// Whether <see cref="ParquetValueEncoding.Auto"/> may delta-pack this column: plain integers only. Dates, times and
    /// timestamps stay PLAIN unless asked, because Parquet.Net 6.1 cannot read them delta-packed, and so does a REQUIRED
    /// integer under an optional group, which Polars cannot (see <see cref="LeafTypes.CreateWriter"/>).
    /// </summary>
    public bool AutoDelta { get; init; }

    public int DictionaryPageSize { get; init; } = ParquetWriteOptions.DefaultDictionaryPageSize;

    public bool DataPageV2 { get; init; }

    public bool PageChecksums { get; init; } = true;

    public bool PageIndex { get; init; } = true;

    /// <summary>The Bloom filter's target false-positive rate; null for none.</summary>
    public double? BloomFilterFalsePositiveRate { get; init; }

    /// <summary>The distinct values a Bloom filter is sized for when the chunk's own count is not known.</summary>
    public int BloomFilterDistinctValues { get; init; } = ParquetColumnOptions.DefaultBloomFilterDistinctValues;

    /// <summary>Bytes past which string and binary bounds are truncated (still valid bounds).</summary>
    public int BoundLength { get; init; } = 64;
}
