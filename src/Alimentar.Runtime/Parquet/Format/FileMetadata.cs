namespace Alimentar.Parquet.Format;

/// <summary>What a Parquet footer says about its file: schema, row groups and their column chunks.</summary>
internal sealed record FileMetadata(
    long RowCount,
    string? CreatedBy,
    FileSchema Schema,
    IReadOnlyList<RowGroupMetadata> RowGroups,
    IReadOnlyList<KeyValuePair<string, string?>> KeyValues);

/// <summary>One row group: its rows and one column chunk per leaf column, in schema order.</summary>
internal sealed record RowGroupMetadata(long RowCount, long TotalByteSize, IReadOnlyList<ColumnChunkMetadata> Columns)
{
    /// <summary>The leaf columns the row group's rows are sorted by, first key first (written; a reader ignores them).</summary>
    public IReadOnlyList<SortingColumn> SortingColumns { get; init; } = [];
}

/// <summary>One sort key of a row group: a leaf column's index, its direction and where its nulls go.</summary>
internal sealed record SortingColumn(int ColumnIndex, bool Descending, bool NullsFirst);

/// <summary>One column chunk: where its pages lie, how they are encoded, and its statistics.</summary>
internal sealed record ColumnChunkMetadata
{
    /// <summary>Set when the chunk lives in another file, which this reader does not follow.</summary>
    public string? FilePath { get; init; }

    public PhysicalType Type { get; init; }

    public IReadOnlyList<ParquetEncoding> Encodings { get; init; } = [];

    public IReadOnlyList<string> PathInSchema { get; init; } = [];

    public CompressionCodec Codec { get; init; }

    public long ValueCount { get; init; }

    public long TotalUncompressedSize { get; init; }

    public long TotalCompressedSize { get; init; }

    public long DataPageOffset { get; init; }

    public long? DictionaryPageOffset { get; init; }

    public ColumnStatistics? Statistics { get; init; }

    public long? BloomFilterOffset { get; init; }

    public int? BloomFilterLength { get; init; }

    /// <summary>Unencoded byte-array bytes and level histograms, when the writer recorded them.</summary>
    public SizeStatistics? SizeStatistics { get; init; }

    public long? OffsetIndexOffset { get; init; }

    public int? OffsetIndexLength { get; init; }

    public long? ColumnIndexOffset { get; init; }

    public int? ColumnIndexLength { get; init; }

    /// <summary>True when the footer holds no metadata for the chunk in the clear (it is encrypted).</summary>
    public bool IsEncrypted { get; init; }
}

/// <summary>
/// A chunk's statistics, as stored: the deprecated <c>min</c>/<c>max</c> (signed byte order, trusted only
/// for some types) apart from <c>min_value</c>/<c>max_value</c> (the column's own sort order).
/// </summary>
internal sealed record ColumnStatistics
{
    public byte[]? LegacyMin { get; init; }

    public byte[]? LegacyMax { get; init; }

    public byte[]? MinValue { get; init; }

    public byte[]? MaxValue { get; init; }

    public long? NullCount { get; init; }

    public long? DistinctCount { get; init; }

    /// <summary>Written with <see cref="MinValue"/>/<see cref="MaxValue"/>: false when a bound was truncated (it still bounds the values).</summary>
    public bool IsExact { get; init; } = true;
}
