namespace Alimentar;

/// <summary>The CLR value type of a row member, as the generator sees it.</summary>
/// <remarks>The runtime maps each one to a Parquet physical and logical type when writing, and checks a
/// file's column against it when binding.</remarks>
public enum ColumnType
{
    /// <summary><see cref="bool"/>: BOOLEAN.</summary>
    Boolean,
    /// <summary><see cref="sbyte"/>: INT32 annotated INT(8, signed).</summary>
    SByte,
    /// <summary><see cref="byte"/>: INT32 annotated INT(8, unsigned).</summary>
    Byte,
    /// <summary><see cref="short"/>: INT32 annotated INT(16, signed).</summary>
    Int16,
    /// <summary><see cref="ushort"/>: INT32 annotated INT(16, unsigned).</summary>
    UInt16,
    /// <summary><see cref="int"/>: INT32.</summary>
    Int32,
    /// <summary><see cref="uint"/>: INT32 annotated INT(32, unsigned).</summary>
    UInt32,
    /// <summary><see cref="long"/>: INT64.</summary>
    Int64,
    /// <summary><see cref="ulong"/>: INT64 annotated INT(64, unsigned).</summary>
    UInt64,
    /// <summary><see cref="float"/>: FLOAT.</summary>
    Single,
    /// <summary><see cref="double"/>: DOUBLE.</summary>
    Double,
    /// <summary><see cref="decimal"/>: DECIMAL(precision, scale).</summary>
    Decimal,
    /// <summary><see cref="string"/>: BYTE_ARRAY annotated STRING (UTF-8).</summary>
    String,
    /// <summary><c>byte[]</c>: BYTE_ARRAY.</summary>
    Binary,
    /// <summary><see cref="System.DateTime"/>: INT64 TIMESTAMP(MICROS, UTC).</summary>
    DateTime,
    /// <summary><see cref="System.DateTimeOffset"/>: INT64 TIMESTAMP(MICROS, UTC).</summary>
    DateTimeOffset,
    /// <summary><see cref="System.DateOnly"/>: INT32 DATE.</summary>
    DateOnly,
    /// <summary><see cref="System.TimeOnly"/>: INT64 TIME(MICROS).</summary>
    TimeOnly,
    /// <summary><see cref="System.TimeSpan"/>: INT64 TIME(MICROS).</summary>
    TimeSpan,
    /// <summary><see cref="System.Guid"/>: FIXED_LEN_BYTE_ARRAY(16) annotated UUID.</summary>
    Guid,
    /// <summary><see cref="System.Half"/>: read from FLOAT16 (FIXED_LEN_BYTE_ARRAY(2)) or FLOAT; written as FLOAT, which holds every half exactly.</summary>
    Half,
    /// <summary>A record, class or struct member: a Parquet group whose fields are <see cref="ColumnDescriptor.Fields"/>.</summary>
    Group,
    /// <summary><see cref="ParquetInterval"/>: FIXED_LEN_BYTE_ARRAY(12) annotated INTERVAL (months, days, milliseconds).</summary>
    Interval,

    /// <summary>
    /// <see cref="ParquetVariant"/>: a VARIANT group (<c>metadata</c> and <c>value</c> binaries, and any
    /// <c>typed_value</c> its writer shredded the values into).
    /// </summary>
    Variant,
}
