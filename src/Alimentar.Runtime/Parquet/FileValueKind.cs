using Parquet.Schema;

namespace Alimentar.ParquetBinding;

/// <summary>The CLR type Parquet.Net decodes a file column into: what a bound member is converted from.</summary>
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

    /// <summary>TIME(MILLIS) decoded as its raw INT32.</summary>
    TimeMillis,

    /// <summary>TIME(MICROS) decoded as its raw INT64.</summary>
    TimeMicros,

    /// <summary>TIME(NANOS) decoded as its raw INT64.</summary>
    TimeNanos,
}

internal static class FileValueKinds
{
    public static FileValueKind Of(DataField field)
    {
        Type type = field.ClrType;
        if ((type == typeof(int) || type == typeof(long)) && TimeUnitOf(field) is { } timeKind)
        {
            return timeKind;
        }

        if (type == typeof(bool)) return FileValueKind.Boolean;
        if (type == typeof(sbyte)) return FileValueKind.SByte;
        if (type == typeof(byte)) return FileValueKind.Byte;
        if (type == typeof(short)) return FileValueKind.Int16;
        if (type == typeof(ushort)) return FileValueKind.UInt16;
        if (type == typeof(int)) return FileValueKind.Int32;
        if (type == typeof(uint)) return FileValueKind.UInt32;
        if (type == typeof(long)) return FileValueKind.Int64;
        if (type == typeof(ulong)) return FileValueKind.UInt64;
        if (type == typeof(float)) return FileValueKind.Single;
        if (type == typeof(double)) return FileValueKind.Double;
        if (type == typeof(decimal)) return FileValueKind.Decimal;
        if (type == typeof(ReadOnlyMemory<char>) || type == typeof(string)) return FileValueKind.Utf8String;
        if (type == typeof(ReadOnlyMemory<byte>) || type == typeof(byte[])) return FileValueKind.Bytes;
        if (type == typeof(DateTime)) return FileValueKind.DateTime;
        if (type == typeof(DateOnly)) return FileValueKind.DateOnly;
        if (type == typeof(TimeSpan)) return FileValueKind.TimeSpan;
        if (type == typeof(TimeOnly)) return FileValueKind.TimeOnly;
        if (type == typeof(Guid)) return FileValueKind.Guid;
        return FileValueKind.Unsupported;
    }

    /// <summary>The time-of-day kind of a TIME column that Parquet.Net hands over as raw integers.</summary>
    private static FileValueKind? TimeUnitOf(DataField field)
    {
        var element = field.SchemaElement;
        if (element?.LogicalType?.TIME?.Unit is { } unit)
        {
            return unit.MILLIS is not null ? FileValueKind.TimeMillis : unit.MICROS is not null ? FileValueKind.TimeMicros : FileValueKind.TimeNanos;
        }

        return element?.ConvertedType switch
        {
            global::Parquet.Meta.ConvertedType.TIME_MILLIS => FileValueKind.TimeMillis,
            global::Parquet.Meta.ConvertedType.TIME_MICROS => FileValueKind.TimeMicros,
            _ => null,
        };
    }

    public static bool IsTimeOfDay(this FileValueKind kind) =>
        kind is FileValueKind.TimeSpan or FileValueKind.TimeOnly or FileValueKind.TimeMillis or FileValueKind.TimeMicros or FileValueKind.TimeNanos;

    public static bool IsInteger(this FileValueKind kind) => kind is >= FileValueKind.SByte and <= FileValueKind.UInt64;

    /// <summary>Whether a member of <paramref name="member"/> type can be filled from values of <paramref name="file"/> kind.</summary>
    public static bool CanConvert(FileValueKind file, ColumnType member) => member switch
    {
        ColumnType.Boolean => file == FileValueKind.Boolean,
        ColumnType.SByte or ColumnType.Byte or ColumnType.Int16 or ColumnType.UInt16 or ColumnType.Int32
            or ColumnType.UInt32 or ColumnType.Int64 or ColumnType.UInt64 => file.IsInteger(),
        ColumnType.Single => file is FileValueKind.Single or FileValueKind.Int16 or FileValueKind.SByte or FileValueKind.Byte or FileValueKind.UInt16,
        ColumnType.Double => file is FileValueKind.Double or FileValueKind.Single || file.IsInteger(),
        ColumnType.Decimal => file == FileValueKind.Decimal || file.IsInteger(),
        ColumnType.String => file is FileValueKind.Utf8String or FileValueKind.Bytes,
        ColumnType.Binary => file is FileValueKind.Bytes or FileValueKind.Utf8String,
        ColumnType.DateTime or ColumnType.DateTimeOffset => file is FileValueKind.DateTime or FileValueKind.DateOnly,
        ColumnType.DateOnly => file is FileValueKind.DateOnly or FileValueKind.DateTime,
        ColumnType.TimeOnly or ColumnType.TimeSpan => file.IsTimeOfDay(),
        ColumnType.Guid => file == FileValueKind.Guid,
        _ => false,
    };
}
