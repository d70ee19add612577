using System.Globalization;

namespace Alimentar.Parquet.Format;

/// <summary>
/// Encodings and physical types as the format spells them, so that a message names what a user finds in the
/// specification and in other tools' output, and no name depends on enum metadata a trimmed build may drop.
/// </summary>
internal static class FormatNames
{
    /// <summary>An encoding's name, or its number if the format defines none.</summary>
    public static string Name(this ParquetEncoding encoding) => encoding switch
    {
        ParquetEncoding.Plain => "PLAIN",
        ParquetEncoding.PlainDictionary => "PLAIN_DICTIONARY",
        ParquetEncoding.Rle => "RLE",
        ParquetEncoding.BitPacked => "BIT_PACKED",
        ParquetEncoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        ParquetEncoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        ParquetEncoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        ParquetEncoding.RleDictionary => "RLE_DICTIONARY",
        ParquetEncoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        _ => ((int)encoding).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A physical type's name, or its number if the format defines none.</summary>
    public static string Name(this PhysicalType type) => type switch
    {
        PhysicalType.Boolean => "BOOLEAN",
        PhysicalType.Int32 => "INT32",
        PhysicalType.Int64 => "INT64",
        PhysicalType.Int96 => "INT96",
        PhysicalType.Float => "FLOAT",
        PhysicalType.Double => "DOUBLE",
        PhysicalType.ByteArray => "BYTE_ARRAY",
        PhysicalType.FixedLenByteArray => "FIXED_LEN_BYTE_ARRAY",
        _ => ((int)type).ToString(CultureInfo.InvariantCulture),
    };
}
