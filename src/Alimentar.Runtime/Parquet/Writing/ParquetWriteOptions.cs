namespace Alimentar;

/// <summary>How <see cref="ParquetDatasetWriter{T}"/> lays out a file.</summary>
public sealed record ParquetWriteOptions
{
    /// <summary>The rows per row group unless <see cref="RowGroupSize"/> says otherwise.</summary>
    public const int DefaultRowGroupSize = 131_072;

    /// <summary>Rows per row group (default 131,072).</summary>
    /// <remarks>
    /// Parquet.Net, which writes for Alimentar, puts each column chunk in a single page, and a page cannot be
    /// decoded in parts. So any reader of these files, Alimentar's included, holds a whole column chunk per
    /// column while it reads a row group: memory follows the row-group size here, not the batch size as it does
    /// for files from Arrow, DuckDB or Spark. The default keeps a chunk of 8-byte values at 1 MiB, the page
    /// size those writers use, while row groups stay large enough to compress well.
    /// </remarks>
    public int RowGroupSize { get; init; } = DefaultRowGroupSize;

    /// <summary>The compression codec (default Snappy, what Spark and pyarrow write).</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;
}
