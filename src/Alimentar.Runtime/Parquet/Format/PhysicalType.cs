namespace Alimentar.Parquet.Format;

/// <summary>Parquet's physical types, by their format numbers.</summary>
internal enum PhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,
    Int96 = 3,
    Float = 4,
    Double = 5,
    ByteArray = 6,
    FixedLenByteArray = 7,
}

internal static class PhysicalTypes
{
    /// <summary>The bytes one value takes once decoded: booleans take a byte; 0 for BYTE_ARRAY.</summary>
    public static int DecodedWidth(this PhysicalType type, int typeLength) => type switch
    {
        PhysicalType.Boolean => 1,
        PhysicalType.Int32 or PhysicalType.Float => 4,
        PhysicalType.Int64 or PhysicalType.Double => 8,
        PhysicalType.Int96 => 12,
        PhysicalType.FixedLenByteArray => typeLength,
        _ => 0,
    };
}
