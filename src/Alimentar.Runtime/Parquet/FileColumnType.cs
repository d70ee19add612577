using Alimentar.ParquetBinding.Reading;
using global::Parquet.Meta;

namespace Alimentar.ParquetBinding;

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

    public static FileColumnType Of(SchemaElement element)
    {
        PhysicalType physical = (PhysicalType)(int)(element.Type ?? throw new InvalidDataException($"leaf column '{element.Name}' has no physical type"));
        int typeLength = element.TypeLength ?? 0;
        LogicalType? logical = element.LogicalType;
        ConvertedType? converted = element.ConvertedType;
        int scale = logical?.DECIMAL?.Scale ?? element.Scale ?? 0;
        bool isDecimal = logical?.DECIMAL is not null || converted == ConvertedType.DECIMAL;
        var plain = new FileColumnType(physical, typeLength, FileValueKind.Unsupported);
        switch (physical)
        {
            case PhysicalType.Boolean:
                return plain with { Kind = FileValueKind.Boolean };
            case PhysicalType.Int32:
                if (isDecimal) return plain with { Kind = FileValueKind.Decimal, Scale = scale };
                if (logical?.DATE is not null || converted == ConvertedType.DATE) return plain with { Kind = FileValueKind.DateOnly };
                if (logical?.TIME?.Unit?.MILLIS is not null || converted == ConvertedType.TIME_MILLIS) return plain with { Kind = FileValueKind.TimeMillis, Unit = TimeUnit.Millis };
                return plain with { Kind = IntegerKind(logical, converted, 32) };
            case PhysicalType.Int64:
                if (isDecimal) return plain with { Kind = FileValueKind.Decimal, Scale = scale };
                if (logical?.TIMESTAMP is { } timestamp)
                {
                    return plain with { Kind = FileValueKind.DateTime, Unit = UnitOf(timestamp.Unit), IsAdjustedToUtc = timestamp.IsAdjustedToUTC };
                }

                if (converted is ConvertedType.TIMESTAMP_MILLIS or ConvertedType.TIMESTAMP_MICROS)
                {
                    // The legacy annotations always meant instants in UTC.
                    return plain with { Kind = FileValueKind.DateTime, Unit = converted == ConvertedType.TIMESTAMP_MILLIS ? TimeUnit.Millis : TimeUnit.Micros, IsAdjustedToUtc = true };
                }

                if (logical?.TIME is { } time)
                {
                    TimeUnit unit = UnitOf(time.Unit);
                    return plain with { Kind = unit == TimeUnit.Nanos ? FileValueKind.TimeNanos : FileValueKind.TimeMicros, Unit = unit };
                }

                if (converted == ConvertedType.TIME_MICROS) return plain with { Kind = FileValueKind.TimeMicros, Unit = TimeUnit.Micros };
                return plain with { Kind = IntegerKind(logical, converted, 64) };
            case PhysicalType.Int96:
                return plain with { Kind = FileValueKind.DateTime, Unit = TimeUnit.Nanos };
            case PhysicalType.Float:
                return plain with { Kind = FileValueKind.Single };
            case PhysicalType.Double:
                return plain with { Kind = FileValueKind.Double };
            case PhysicalType.ByteArray:
                if (isDecimal) return plain with { Kind = FileValueKind.Decimal, Scale = scale };
                bool text = logical?.STRING is not null || logical?.ENUM is not null || logical?.JSON is not null
                    || converted is ConvertedType.UTF8 or ConvertedType.ENUM or ConvertedType.JSON;
                return plain with { Kind = text ? FileValueKind.Utf8String : FileValueKind.Bytes };
            case PhysicalType.FixedLenByteArray:
                if (typeLength <= 0) throw new InvalidDataException($"FIXED_LEN_BYTE_ARRAY column '{element.Name}' has a length of {typeLength}");
                if (isDecimal) return plain with { Kind = FileValueKind.Decimal, Scale = scale };
                if (logical?.UUID is not null && typeLength == 16) return plain with { Kind = FileValueKind.Guid };
                if (logical?.FLOAT16 is not null && typeLength == 2) return plain with { Kind = FileValueKind.Half };
                return plain with { Kind = FileValueKind.Bytes };
            default:
                return plain;
        }
    }

    private static TimeUnit UnitOf(global::Parquet.Meta.TimeUnit? unit) =>
        unit?.MILLIS is not null ? TimeUnit.Millis : unit?.NANOS is not null ? TimeUnit.Nanos : TimeUnit.Micros;

    private static FileValueKind IntegerKind(LogicalType? logical, ConvertedType? converted, int physicalBits)
    {
        (int bits, bool signed) = logical?.INTEGER is { } integer
            ? (integer.BitWidth, integer.IsSigned)
            : converted switch
            {
                ConvertedType.INT_8 => (8, true),
                ConvertedType.INT_16 => (16, true),
                ConvertedType.INT_32 => (32, true),
                ConvertedType.INT_64 => (64, true),
                ConvertedType.UINT_8 => (8, false),
                ConvertedType.UINT_16 => (16, false),
                ConvertedType.UINT_32 => (32, false),
                ConvertedType.UINT_64 => (64, false),
                _ => (physicalBits, true),
            };

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
