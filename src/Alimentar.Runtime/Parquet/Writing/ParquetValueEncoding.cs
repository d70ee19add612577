namespace Alimentar;

/// <summary>How a written column's values are encoded in its data pages.</summary>
public enum ParquetValueEncoding
{
    /// <summary>
    /// A dictionary while it pays (see <see cref="ParquetWriteOptions.Dictionary"/>), then PLAIN, or for integer
    /// columns DELTA_BINARY_PACKED wherever it is smaller than PLAIN. Dates, times and timestamps stay PLAIN, which every
    /// reader reads (Parquet.Net 6.1 cannot read them delta-packed), as does a non-nullable integer field of a nullable
    /// record (Polars cannot read it delta-packed); ask for <see cref="DeltaBinaryPacked"/> to pack them.
    /// </summary>
    Auto,

    /// <summary>PLAIN, no dictionary.</summary>
    Plain,

    /// <summary>DELTA_BINARY_PACKED, for integer columns (and dates, times, timestamps): sorted or slowly changing values take a few bits each.</summary>
    DeltaBinaryPacked,

    /// <summary>DELTA_LENGTH_BYTE_ARRAY, for strings and byte arrays: lengths delta-packed ahead of the bytes.</summary>
    DeltaLengthByteArray,

    /// <summary>DELTA_BYTE_ARRAY, for strings and byte arrays: each value's prefix shared with the one before is stored once (sorted keys, paths, URLs).</summary>
    DeltaByteArray,

    /// <summary>BYTE_STREAM_SPLIT, for float and double columns: byte planes a codec compresses better.</summary>
    ByteStreamSplit,
}
