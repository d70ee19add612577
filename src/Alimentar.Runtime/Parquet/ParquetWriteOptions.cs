namespace Alimentar;

/// <summary>How <see cref="ParquetDatasetWriter{T}"/> lays out a file.</summary>
public sealed record ParquetWriteOptions
{
    /// <summary>Rows per row group (default 1,000,000): the unit readers decode, so it bounds their memory.</summary>
    public int RowGroupSize { get; init; } = 1_000_000;

    /// <summary>The compression codec (default Snappy, what Spark and pyarrow write).</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;
}
