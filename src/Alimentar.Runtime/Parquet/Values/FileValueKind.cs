
namespace Alimentar.Parquet.Values;

/// <summary>The kind of value a file column holds once decoded: what a bound member is converted from.</summary>
internal enum FileValueKind
{
    Unsupported,
    Boolean,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    Utf8String,
    Bytes,
    DateTime,
    DateOnly,
    TimeSpan,
    TimeOnly,
    Guid,

    /// <summary>TIME(MILLIS) decoded as its raw INT32, or an Arrow duration in milliseconds as its INT64.</summary>
    TimeMillis,

    /// <summary>TIME(MICROS) decoded as its raw INT64.</summary>
    TimeMicros,

    /// <summary>TIME(NANOS) decoded as its raw INT64.</summary>
    TimeNanos,

    /// <summary>FLOAT16: a FIXED_LEN_BYTE_ARRAY(2) holding an IEEE half.</summary>
    Half,

    /// <summary>INTERVAL: a FIXED_LEN_BYTE_ARRAY(12) of months, days and milliseconds.</summary>
    Interval,
}

internal static class FileValueKinds
{
    public static FileValueKind Of(LeafColumn field) => FileColumnType.Of(field.Element).Kind;

    /// <summary>The kind a member of <paramref name="member"/> type reads from <paramref name="field"/> (<see cref="FileColumnType.ReadInto"/>).</summary>
    public static FileValueKind Of(LeafColumn field, ColumnType member) => FileColumnType.Of(field.Element).ReadInto(member).Kind;

    public static bool IsTimeOfDay(this FileValueKind kind) =>
        kind is FileValueKind.TimeSpan or FileValueKind.TimeOnly or FileValueKind.TimeMillis or FileValueKind.TimeMicros or FileValueKind.TimeNanos;

    public static bool IsInteger(this FileValueKind kind) => kind is >= FileValueKind.SByte and <= FileValueKind.UInt64;

    /// <summary>
    /// The member type a stored value reads as when no row type says otherwise: what scaffolding proposes and what the
    /// untyped scanner reads. Null for a value no member type reads.
    /// </summary>
    public static ColumnType? NaturalType(this FileValueKind kind) => kind switch
    {
        FileValueKind.Boolean => ColumnType.Boolean,
        FileValueKind.SByte => ColumnType.SByte,
        FileValueKind.Byte => ColumnType.Byte,
        FileValueKind.Int16 => ColumnType.Int16,
        FileValueKind.UInt16 => ColumnType.UInt16,
        FileValueKind.Int32 => ColumnType.Int32,
        FileValueKind.UInt32 => ColumnType.UInt32,
        FileValueKind.Int64 => ColumnType.Int64,
        FileValueKind.UInt64 => ColumnType.UInt64,
        FileValueKind.Single or FileValueKind.Half => ColumnType.Single,
        FileValueKind.Double => ColumnType.Double,
        FileValueKind.Decimal => ColumnType.Decimal,
        FileValueKind.Utf8String => ColumnType.String,
        FileValueKind.Bytes => ColumnType.Binary,
        FileValueKind.DateTime => ColumnType.DateTime,
        FileValueKind.DateOnly => ColumnType.DateOnly,
        FileValueKind.Guid => ColumnType.Guid,
        FileValueKind.Interval => ColumnType.Interval,
        _ when kind.IsTimeOfDay() => ColumnType.TimeOnly,
        _ => null,
    };

    /// <summary>Whether a member of <paramref name="member"/> type can be filled from values of <paramref name="file"/> kind.</summary>
    public static bool CanConvert(FileValueKind file, ColumnType member) => member switch
    {
        ColumnType.Boolean => file == FileValueKind.Boolean || file.IsInteger(),
        _ when ColumnTypes.IsInteger(member) => file.IsInteger(),
        ColumnType.Single => file is FileValueKind.Single or FileValueKind.Half or FileValueKind.Double or FileValueKind.Decimal || file.IsInteger(),
        ColumnType.Double => file is FileValueKind.Double or FileValueKind.Single or FileValueKind.Half or FileValueKind.Decimal || file.IsInteger(),
        ColumnType.Decimal => file == FileValueKind.Decimal || file.IsInteger(),
        ColumnType.String => file is FileValueKind.Utf8String or FileValueKind.Bytes or FileValueKind.Decimal,
        ColumnType.Binary => file is FileValueKind.Bytes or FileValueKind.Utf8String,
        ColumnType.DateTime or ColumnType.DateTimeOffset => file is FileValueKind.DateTime or FileValueKind.DateOnly,
        ColumnType.DateOnly => file is FileValueKind.DateOnly or FileValueKind.DateTime,
        ColumnType.TimeOnly or ColumnType.TimeSpan => file.IsTimeOfDay(),
        ColumnType.Guid => file == FileValueKind.Guid,
        ColumnType.Interval => file == FileValueKind.Interval,
        ColumnType.Half => file is FileValueKind.Half or FileValueKind.Single,
        _ => false,
    };
}
