using Alimentar.Parquet.Format;
using Alimentar.Parquet.Writing.Encoding;

namespace Alimentar.Parquet.Writing;

/// <summary>
/// The Parquet type each member type is written as, and the page writer that writes it: the physical and logical
/// types Spark, DuckDB and pyarrow expect (timestamps as INT64 TIMESTAMP(MICROS, UTC), or local where a member asks,
/// times as TIME(MICROS), UUID for Guid, FLOAT16 for Half, INTERVAL for ParquetInterval, unsigned and narrow integers
/// annotated as INT(bits, signed)).
/// </summary>
internal static class LeafTypes
{
    public const int DefaultDecimalPrecision = 38;
    public const int DefaultDecimalScale = 18;

    public static SchemaElement Element(string name, Repetition repetition, ColumnDescriptor column)
    {
        var element = new SchemaElement { Name = name, Repetition = repetition };
        return column.Type switch
        {
            ColumnType.Boolean => element with { Type = PhysicalType.Boolean },
            ColumnType.SByte => Integer(element, 8, true, ConvertedType.Int8),
            ColumnType.Byte => Integer(element, 8, false, ConvertedType.UInt8),
            ColumnType.Int16 => Integer(element, 16, true, ConvertedType.Int16),
            ColumnType.UInt16 => Integer(element, 16, false, ConvertedType.UInt16),
            ColumnType.Int32 => element with { Type = PhysicalType.Int32 },
            ColumnType.UInt32 => Integer(element, 32, false, ConvertedType.UInt32),
            ColumnType.Int64 => element with { Type = PhysicalType.Int64 },
            ColumnType.UInt64 => Integer(element, 64, false, ConvertedType.UInt64),
            ColumnType.Single => element with { Type = PhysicalType.Float },
            ColumnType.Double => element with { Type = PhysicalType.Double },
            ColumnType.Half => element with { Type = PhysicalType.FixedLenByteArray, TypeLength = 2, LogicalType = new LogicalType(LogicalTypeKind.Float16) },
            ColumnType.Decimal => Decimal(element, column),
            ColumnType.String => element with { Type = PhysicalType.ByteArray, ConvertedType = ConvertedType.Utf8, LogicalType = new LogicalType(LogicalTypeKind.String) },
            ColumnType.Binary => element with { Type = PhysicalType.ByteArray },
            // A local timestamp has no converted type: TIMESTAMP_MICROS stands for one adjusted to UTC.
            ColumnType.DateTime when column.IsLocalTimestamp => element with
            {
                Type = PhysicalType.Int64,
                LogicalType = new LogicalType(LogicalTypeKind.Timestamp, IsAdjustedToUtc: false, Unit: TimeUnit.Micros),
            },
            ColumnType.DateTime or ColumnType.DateTimeOffset => element with
            {
                Type = PhysicalType.Int64,
                ConvertedType = ConvertedType.TimestampMicros,
                LogicalType = new LogicalType(LogicalTypeKind.Timestamp, IsAdjustedToUtc: true, Unit: TimeUnit.Micros),
            },
            ColumnType.DateOnly => element with { Type = PhysicalType.Int32, ConvertedType = ConvertedType.Date, LogicalType = new LogicalType(LogicalTypeKind.Date) },
            // Not adjusted to UTC: a time of day or a duration is wall-clock, and DuckDB reads an adjusted TIME as TIMETZ.
            ColumnType.TimeOnly or ColumnType.TimeSpan => element with
            {
                Type = PhysicalType.Int64,
                LogicalType = new LogicalType(LogicalTypeKind.Time, IsAdjustedToUtc: false, Unit: TimeUnit.Micros),
            },
            ColumnType.Guid => element with { Type = PhysicalType.FixedLenByteArray, TypeLength = 16, LogicalType = new LogicalType(LogicalTypeKind.Uuid) },
            // INTERVAL has a converted type only: the logical types never took it in.
            ColumnType.Interval => element with { Type = PhysicalType.FixedLenByteArray, TypeLength = 12, ConvertedType = ConvertedType.Interval },
            _ => throw new NotSupportedException($"Column '{name}' has type {column.Type}, which cannot be written."),
        };
    }

    /// <summary>The page writer for a leaf holding <paramref name="column"/>'s values.</summary>
    public static LeafWriter CreateWriter(LeafColumn leaf, ColumnDescriptor column, LeafWriteSettings settings)
    {
        // A REQUIRED integer under an optional group outside any list (a non-nullable field of a nullable record) stays
        // PLAIN: Polars's reader (polars-parquet 0.55) panics on such a leaf delta-packed, where DuckDB and Arrow read it.
        // Lists of such values, and fields of list elements, it reads. Asked for, the leaf is packed all the same.
        bool requiredUnderOptional = leaf.Element.Repetition == Repetition.Required && leaf.MaxDefinitionLevel > 0 && leaf.MaxRepetitionLevel == 0;
        settings = settings with { AutoDelta = ColumnTypes.IsInteger(column.Type) && !requiredUnderOptional };
        return Create(leaf, column, settings);
    }

    private static LeafWriter Create(LeafColumn leaf, ColumnDescriptor column, LeafWriteSettings settings) => column.Type switch
    {
        ColumnType.Boolean => new LeafWriter<bool, BooleanCodec>(leaf, settings, default),
        ColumnType.SByte or ColumnType.Int16 or ColumnType.Int32 or ColumnType.DateOnly => new LeafWriter<int, IntegerCodec<int>>(leaf, settings, new IntegerCodec<int>(unsigned: false)),
        ColumnType.Byte or ColumnType.UInt16 or ColumnType.UInt32 => new LeafWriter<int, IntegerCodec<int>>(leaf, settings, new IntegerCodec<int>(unsigned: true)),
        ColumnType.Int64 or ColumnType.DateTime or ColumnType.DateTimeOffset or ColumnType.TimeOnly or ColumnType.TimeSpan =>
            new LeafWriter<long, IntegerCodec<long>>(leaf, settings, new IntegerCodec<long>(unsigned: false)),
        ColumnType.UInt64 => new LeafWriter<long, IntegerCodec<long>>(leaf, settings, new IntegerCodec<long>(unsigned: true)),
        ColumnType.Single => new LeafWriter<float, FloatingPointCodec<float>>(leaf, settings, default),
        ColumnType.Double => new LeafWriter<double, FloatingPointCodec<double>>(leaf, settings, default),
        ColumnType.Half => new LeafWriter<Half, FloatingPointCodec<Half>>(leaf, settings, default),
        ColumnType.Decimal => new LeafWriter<decimal, DecimalCodec>(leaf, settings, new DecimalCodec(PrecisionOf(column), ScaleOf(column))),
        ColumnType.String => new LeafWriter<string, StringCodec>(leaf, settings, default),
        ColumnType.Binary => new LeafWriter<byte[], BinaryCodec>(leaf, settings, default),
        ColumnType.Guid => new LeafWriter<Guid, GuidCodec>(leaf, settings, default),
        ColumnType.Interval => new LeafWriter<ParquetInterval, IntervalCodec>(leaf, settings, default),
        _ => throw new NotSupportedException($"Column '{leaf.Path}' has type {column.Type}, which cannot be written."),
    };

    /// <summary>The precision a decimal member is written with.</summary>
    public static int PrecisionOf(ColumnDescriptor column) => column.Precision > 0 ? column.Precision : DefaultDecimalPrecision;

    /// <summary>The scale a decimal member is written with.</summary>
    public static int ScaleOf(ColumnDescriptor column) => column.Precision > 0 ? column.Scale : DefaultDecimalScale;

    private static SchemaElement Integer(SchemaElement element, int bits, bool signed, ConvertedType converted) => element with
    {
        Type = bits == 64 ? PhysicalType.Int64 : PhysicalType.Int32,
        ConvertedType = converted,
        LogicalType = new LogicalType(LogicalTypeKind.Integer, BitWidth: bits, IsSigned: signed),
    };

    private static SchemaElement Decimal(SchemaElement element, ColumnDescriptor column)
    {
        int precision = PrecisionOf(column), scale = ScaleOf(column);
        return element with
        {
            Type = PhysicalType.FixedLenByteArray,
            TypeLength = DecimalUnscaler.BytesFor(precision),
            ConvertedType = ConvertedType.Decimal,
            Precision = precision,
            Scale = scale,
            LogicalType = new LogicalType(LogicalTypeKind.Decimal, Scale: scale, Precision: precision),
        };
    }
}
