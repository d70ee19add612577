namespace Alimentar;

/// <summary>Compression codecs for writing Parquet.</summary>
public enum ParquetCompression
{
    /// <summary>No compression.</summary>
    None,
    /// <summary>Snappy: fast, moderate ratio; the common default.</summary>
    Snappy,
    /// <summary>Gzip: slower, smaller.</summary>
    Gzip,
    /// <summary>Zstandard: small and fast to read.</summary>
    Zstd,
    /// <summary>LZ4 (raw).</summary>
    Lz4,
}
