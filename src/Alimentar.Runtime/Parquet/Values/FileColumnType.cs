
namespace Alimentar.Parquet.Values;

/// <summary>The time unit of a TIMESTAMP or TIME column.</summary>
internal enum TimeUnit
{
    Millis,
    Micros,
    Nanos,
}

/// <summary>
/// What a file column holds, read from its schema element alone: its physical type and the logical type
/// over it (legacy converted types included), and so the value kind a member is converted from.
/// </summary>
internal sealed record FileColumnType(PhysicalType Physical, int TypeLength, FileValueKind Kind)
{
    /// <summary>For timestamps and times, the unit of the stored integers.</summary>
    public TimeUnit Unit { get; init; }

    /// <summary>For timestamps: whether values are instants in UTC (else local wall-clock times).</summary>
    public bool IsAdjustedToUtc { get; init; }

    /// <summary>For decimals: digits after the point.</summary>
    public int Scale { get; init; }

    /// <summary>
    /// For a DATE, TIME or TIMESTAMP read as the integers it stores (<see cref="ReadInto"/>): the kind its annotation
    /// gives it. Null otherwise.
    /// </summary>
    public FileValueKind? StoredFrom { get; init; }

    /// <summary>The kind its annotation gives the column, whether or not its values are read as stored integers.</summary>
    public FileValueKind AnnotatedKind => StoredFrom ?? Kind;

    /// <summary>
    /// The column as a member of <paramref name="member"/> type reads it. An integer member over a DATE, TIME or
    /// TIMESTAMP stored as INT32 or INT64 takes the integers as stored, in the column's unit (days, or milli-, micro-
    /// or nanoseconds since the Unix epoch or midnight): the way to read instants no <see cref="DateTime"/> holds, and
    /// the form a model's features usually want. A <c>byte[]</c> member over an INT96 timestamp, which stores no such
    /// integer, or over an INTERVAL takes its twelve bytes as stored. A <see cref="Guid"/> member over a
    /// FIXED_LEN_BYTE_ARRAY(16) with no annotation reads it as a UUID (its bytes in RFC 9562 order, as the UUID
    /// annotation stores them): arrow-rs, and so delta-rs and DataFusion, and Arrow C++ for a plain fixed-size
    /// binary write UUIDs that way. Every other pairing reads the column as its annotation says.
    /// </summary>
    public FileColumnType ReadInto(ColumnType member)
    {
        if ((Physical == PhysicalType.Int96 || Kind == FileValueKind.Interval) && member == ColumnType.Binary)
        {
            return this with { Kind = FileValueKind.Bytes, StoredFrom = Kind };
        }

        if (member == ColumnType.Guid && Kind == FileValueKind.Bytes && Physical == PhysicalType.FixedLenByteArray && TypeLength == 16)
        {
            return this with { Kind = FileValueKind.Guid };
        }

        bool temporal = Kind is FileValueKind.DateTime or FileValueKind.DateOnly || Kind.IsTimeOfDay();
        if (!temporal || !ColumnTypes.IsInteger(member) || Physical is not (PhysicalType.Int32 or PhysicalType.Int64))
        {
            return this;
        }

        return this with { Kind = Physical == PhysicalType.Int32 ? FileValueKind.Int32 : FileValueKind.Int64, StoredFrom = Kind };
    }

    public static FileColumnType Of(SchemaElement element)
    {
        PhysicalType physical = element.Type ?? throw new InvalidDataException($"leaf column '{element.Name}' has no physical type");
        int typeLength = element.TypeLength;
        LogicalType? logical = element.LogicalType;
        ConvertedType? converted = element.ConvertedType;
        LogicalTypeKind kind = logical?.Kind ?? LogicalTypeKind.None;
        int scale = kind == LogicalTypeKind.Decimal ? logical!.Scale : element.Scale ?? 0;
        bool isDecimal = kind == LogicalTypeKind.Decimal || converted == ConvertedType.Decimal;
        var plain = new FileColumnType(physical, typeLength, FileValueKind.Unsupported);
        switch (physical)
        {
            case PhysicalType.Boolean:
                return plain with { Kind = FileValueKind.Boolean };
            case PhysicalType.Int32:
                if (isDecimal) return plain with { Kind = FileValueKind.Decimal, Scale = scale };
                if (kind == LogicalTypeKind.Date || converted == ConvertedType.Date) return plain with { Kind = FileValueKind.DateOnly };
                if ((kind == LogicalTypeKind.Time && logical!.Unit == TimeUnit.Millis) || converted == ConvertedType.TimeMillis) return plain with { Kind = FileValueKind.TimeMillis, Unit = TimeUnit.Millis };
                return plain with { Kind = IntegerKind(logical, converted, 32) };
            case PhysicalType.Int64:
                if (isDecimal) return plain with { Kind = FileValueKind.Decimal, Scale = scale };
                if (kind == LogicalTypeKind.Timestamp)
                {
                    return plain with { Kind = FileValueKind.DateTime, Unit = logical!.Unit, IsAdjustedToUtc = logical.IsAdjustedToUtc };
                }

                if (converted is ConvertedType.TimestampMillis or ConvertedType.TimestampMicros)
                {
                    // The legacy annotations always meant instants in UTC.
                    return plain with { Kind = FileValueKind.DateTime, Unit = converted == ConvertedType.TimestampMillis ? TimeUnit.Millis : TimeUnit.Micros, IsAdjustedToUtc = true };
                }

                if (kind == LogicalTypeKind.Time)
                {
                    return plain with { Kind = logical!.Unit == TimeUnit.Nanos ? FileValueKind.TimeNanos : FileValueKind.TimeMicros, Unit = logical.Unit };
                }

                if (converted == ConvertedType.TimeMicros) return plain with { Kind = FileValueKind.TimeMicros, Unit = TimeUnit.Micros };
                if (kind == LogicalTypeKind.Duration)
                {
                    // Read as a TIME of the same unit: TimeSpan members take the span stored.
                    FileValueKind time = logical!.Unit switch { TimeUnit.Millis => FileValueKind.TimeMillis, TimeUnit.Nanos => FileValueKind.TimeNanos, _ => FileValueKind.TimeMicros };
                    return plain with { Kind = time, Unit = logical.Unit };
                }

                return plain with { Kind = IntegerKind(logical, converted, 64) };
            case PhysicalType.Int96:
                return plain with { Kind = FileValueKind.DateTime, Unit = TimeUnit.Nanos };
            case PhysicalType.Float:
                return plain with { Kind = FileValueKind.Single };
            case PhysicalType.Double:
                return plain with { Kind = FileValueKind.Double };
            case PhysicalType.ByteArray:
                if (isDecimal) return plain with { Kind = FileValueKind.Decimal, Scale = scale };
                bool text = kind is LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json
                    || converted is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json;
                return plain with { Kind = text ? FileValueKind.Utf8String : FileValueKind.Bytes };
            case PhysicalType.FixedLenByteArray:
                if (typeLength <= 0) throw new InvalidDataException($"FIXED_LEN_BYTE_ARRAY column '{element.Name}' has a length of {typeLength}");
                if (isDecimal) return plain with { Kind = FileValueKind.Decimal, Scale = scale };
                if (kind == LogicalTypeKind.Uuid && typeLength == 16) return plain with { Kind = FileValueKind.Guid };
                if (kind == LogicalTypeKind.Float16 && typeLength == 2) return plain with { Kind = FileValueKind.Half };
                if (converted == ConvertedType.Interval && typeLength == 12) return plain with { Kind = FileValueKind.Interval };
                return plain with { Kind = FileValueKind.Bytes };
            default:
                return plain;
        }
    }

    private static FileValueKind IntegerKind(LogicalType? logical, ConvertedType? converted, int physicalBits)
    {
        (int bits, bool signed) = logical is { Kind: LogicalTypeKind.Integer } integer
            ? (integer.BitWidth, integer.IsSigned)
            : converted switch
            {
                ConvertedType.Int8 => (8, true),
                ConvertedType.Int16 => (16, true),
                ConvertedType.Int32 => (32, true),
                ConvertedType.Int64 => (64, true),
                ConvertedType.UInt8 => (8, false),
                ConvertedType.UInt16 => (16, false),
                ConvertedType.UInt32 => (32, false),
                ConvertedType.UInt64 => (64, false),
                _ => (physicalBits, true),
            };

        // The physical type decides how many bytes a value takes. An annotation wider than it (INT32 marked
        // UINT_64) cannot widen what was stored, and one narrower than INT64 (INT64 marked INT_8) does not make
        // the stored values narrower: both read the physical values exactly, signed as annotated, and a member
        // too narrow for a value fails with ValueOutOfRangeException naming the row.
        bits = physicalBits == 64 ? 64 : Math.Min(bits, physicalBits);
        return (bits, signed) switch
        {
            (8, true) => FileValueKind.SByte,
            (8, false) => FileValueKind.Byte,
            (16, true) => FileValueKind.Int16,
            (16, false) => FileValueKind.UInt16,
            (32, false) => FileValueKind.UInt32,
            (64, false) => FileValueKind.UInt64,
            _ => physicalBits == 32 ? FileValueKind.Int32 : FileValueKind.Int64,
        };
    }
}
