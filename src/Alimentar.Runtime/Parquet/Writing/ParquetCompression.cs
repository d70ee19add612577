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
    /// <summary>LZ4 in its raw block format (Parquet's LZ4_RAW).</summary>
    Lz4,
    /// <summary>Brotli: small, slow to write.</summary>
    Brotli,
}
