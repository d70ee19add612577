namespace Alimentar;

/// <summary>How <see cref="ParquetDatasetWriter{T}"/> lays out a file: row groups, pages, codecs, encodings and indexes.</summary>
/// <remarks>
/// The defaults are those of Arrow and parquet-mr: row groups of up to 1,048,576 rows or 128 MiB, pages of about 1 MiB
/// (and at most 20,000 rows, so page indexes can skip finely), Snappy, dictionary encoding with a fallback to PLAIN
/// past 1 MiB of dictionary, page checksums, column and offset indexes. A reader holds about a page per column, not
/// a row group, whatever <see cref="RowGroupSize"/> is.
/// </remarks>
public sealed record ParquetWriteOptions
{
    /// <summary>The rows per row group unless <see cref="RowGroupSize"/> says otherwise.</summary>
    public const int DefaultRowGroupSize = 1_048_576;

    /// <summary>The encoded bytes per row group unless <see cref="RowGroupBytes"/> says otherwise (128 MiB).</summary>
    public const long DefaultRowGroupBytes = 128L << 20;

    /// <summary>The page size unless <see cref="PageSize"/> says otherwise (1 MiB).</summary>
    public const int DefaultPageSize = 1 << 20;

    /// <summary>The rows per page unless <see cref="PageRowLimit"/> says otherwise.</summary>
    public const int DefaultPageRowLimit = 20_000;

    /// <summary>The dictionary size past which a column falls back to PLAIN, unless <see cref="DictionaryPageSize"/> says otherwise (1 MiB).</summary>
    public const int DefaultDictionaryPageSize = 1 << 20;

    /// <summary>Rows per row group (default 1,048,576); a row group also ends at <see cref="RowGroupBytes"/>.</summary>
    public int RowGroupSize { get; init; } = DefaultRowGroupSize;

    /// <summary>
    /// Encoded bytes per row group (default 128 MiB): the writer holds one row group's pages until it is complete,
    /// in memory unless <see cref="SpillBytes"/> lets them wait on disk.
    /// </summary>
    public long RowGroupBytes { get; init; } = DefaultRowGroupBytes;

    /// <summary>
    /// The most encoded bytes of a row group held in memory; past it, finished pages move to a temporary file and are
    /// copied into the output when the row group ends (a file's column chunks must follow one another, so they cannot
    /// go out earlier). Null (the default) keeps every page in memory, which <see cref="RowGroupBytes"/> then caps. Set
    /// both to write row groups larger than memory: memory is then this plus the pages being built and dictionaries.
    /// </summary>
    public long? SpillBytes { get; init; }

    /// <summary>Where <see cref="SpillBytes"/> puts its temporary file (default: the system's temporary folder); the file is deleted when the writer is disposed.</summary>
    public string? SpillDirectory { get; init; }

    /// <summary>For a dataset (<see cref="ParquetDatasetWriter{T}.CreateDatasetAsync(string, ParquetWriteOptions?, CancellationToken)"/>): the rows per part file; null for no row limit.</summary>
    public long? RowsPerFile { get; init; }

    /// <summary>For a dataset: the bytes per part file, about (a part ends with the row group that reaches it); null for no byte limit.</summary>
    public long? BytesPerFile { get; init; }

    /// <summary>The codec for every column without its own (default Snappy, what Spark and pyarrow write).</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>The codec's level (ZSTD 1–22, default 1 as Arrow C++ and arrow-rs write; GZIP 0–9; BROTLI 0–11, default 4; LZ4 above 2 for its high-compression mode); null for the codec's default.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>Bytes per data page before compression, about (default 1 MiB); pages end between rows.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The most rows a data page holds (default 20,000).</summary>
    public int PageRowLimit { get; init; } = DefaultPageRowLimit;

    /// <summary>Whether columns are dictionary encoded while it pays (default true).</summary>
    public bool Dictionary { get; init; } = true;

    /// <summary>The dictionary size past which a column chunk's later pages are PLAIN (default 1 MiB).</summary>
    public int DictionaryPageSize { get; init; } = DefaultDictionaryPageSize;

    /// <summary>Whether data pages are written as DATA_PAGE_V2 (levels uncompressed ahead of the values) instead of v1 (default false, as most writers).</summary>
    public bool DataPageV2 { get; init; }

    /// <summary>Whether each page carries a CRC-32 of its bytes (default true).</summary>
    public bool PageChecksums { get; init; } = true;

    /// <summary>Whether column and offset indexes are written, so readers can skip pages by their bounds (default true).</summary>
    public bool PageIndex { get; init; } = true;

    /// <summary>
    /// The most columns encoded and compressed at once (default: one per processor). A slice of rows is handed over
    /// column by column and its columns are then encoded side by side; 1 encodes everything on the writing thread.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Settings for particular columns, by column name (a top-level name, or a dotted path to a nested leaf); the closest match wins.</summary>
    public IReadOnlyDictionary<string, ParquetColumnOptions> Columns { get; init; } = new Dictionary<string, ParquetColumnOptions>();

    /// <summary>Key-value metadata written in the footer.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The columns (top-level names or dotted leaf paths) the rows are sorted by, recorded in each row group; the writer does not sort.</summary>
    public IReadOnlyList<ParquetSortingColumn> SortingColumns { get; init; } = [];
}
