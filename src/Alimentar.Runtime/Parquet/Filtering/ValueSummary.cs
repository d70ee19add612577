
namespace Alimentar.Parquet.Filtering;

/// <summary>
/// What statistics say about one column over some rows (a row group's chunk, or one page from the column
/// index): trusted bounds, as the member stores them and as raw bytes, and how many nulls. Bounds are left
/// out wherever the format does not promise their order, because pruning on a wrong bound loses rows.
/// </summary>
internal sealed record ValueSummary(object? Min, object? Max, byte[]? RawMin, byte[]? RawMax, long? NullCount, long Rows, bool FileNullable)
{
    /// <summary>True when the rows may hold a null.</summary>
    public bool MayHoldNull => FileNullable && NullCount is not 0;

    /// <summary>True when every row is null.</summary>
    public bool AllNull => FileNullable && NullCount == Rows && Rows > 0;

    /// <summary>A chunk's summary from its footer statistics; <paramref name="createdBy"/> names the writer, whose known faults are allowed for.</summary>
    public static ValueSummary Of(ColumnStatistics? statistics, BoundColumn bound, long rows, string? createdBy)
    {
        if (statistics is null)
        {
            return new ValueSummary(null, null, null, null, null, rows, bound.FileIsNullable);
        }

        (byte[]? min, byte[]? max) = TrustedBounds(statistics, bound.FileType);
        (min, max) = WriterFaults.CorrectBounds(min, max, createdBy, bound.FileType);
        return Bounded(min, max, statistics.NullCount, rows, bound);
    }

    /// <summary>
    /// What a partition column says over a whole file: every row holds its value (or null), so a table can rule the file
    /// out before opening it. The bounds are Alimentar's own, with no writer's faults to allow for.
    /// </summary>
    public static ValueSummary OfPartition(BoundColumn partition) => Of(AbsentColumn.Metadata(partition, 1).Statistics, partition, 1, createdBy: null);

    /// <summary>A summary from bounds stored in the column's own sort order (footer min_value/max_value, or a column index).</summary>
    public static ValueSummary Bounded(byte[]? min, byte[]? max, long? nullCount, long rows, BoundColumn bound)
    {
        object? low = AsStored(StatisticsDecoder.Decode(min, bound.FileType), bound.Descriptor.Type);
        object? high = AsStored(StatisticsDecoder.Decode(max, bound.FileType), bound.Descriptor.Type);
        if (low is null || high is null || IsNaN(low) || IsNaN(high) || bound.FileType.Physical == PhysicalType.Int96)
        {
            // Some writers put NaN in bounds, which then say nothing; INT96 has no defined order.
            return new ValueSummary(null, null, null, null, nullCount, rows, bound.FileIsNullable);
        }

        return new ValueSummary(low, high, min, max, nullCount, rows, bound.FileIsNullable);
    }

    /// <summary>
    /// min_value/max_value are in the column's sort order. The deprecated min/max were written in signed
    /// order whatever the type, so they hold only for signed numbers; for strings, decimals in bytes and
    /// unsigned integers they may be wrong, and are not used.
    /// </summary>
    private static (byte[]? Min, byte[]? Max) TrustedBounds(ColumnStatistics statistics, FileColumnType type)
    {
        if (statistics.MinValue is not null && statistics.MaxValue is not null)
        {
            return (statistics.MinValue, statistics.MaxValue);
        }

        bool signedNumber = type.Physical is PhysicalType.Boolean or PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Float or PhysicalType.Double
            && type.Kind is not (FileValueKind.UInt16 or FileValueKind.UInt32 or FileValueKind.UInt64 or FileValueKind.Byte);
        return signedNumber ? (statistics.LegacyMin, statistics.LegacyMax) : (null, null);
    }

    private static bool IsNaN(object value) => value switch
    {
        double d => double.IsNaN(d),
        float f => float.IsNaN(f),
        Half h => Half.IsNaN(h),
        _ => false,
    };

    /// <summary>
    /// A decoded statistic as the member's column stores it (a DATE bound to a DateTime member is midnight), or null
    /// when unsure. A bound is converted as the values are (a DOUBLE's to float, a long's to double), so that it
    /// bounds the values the member holds: unconverted, a maximum just below a constant can round onto it.
    /// </summary>
    private static object? AsStored(object? value, ColumnType storage) => (value, storage) switch
    {
        (null, _) => null,
        (double d, ColumnType.Single) => (float)d,
        (float f, ColumnType.Half) => (Half)f,
        (sbyte or byte or short or ushort or int or uint or long or ulong, ColumnType.Single) => ToSingle(value),
        (sbyte or byte or short or ushort or int or uint or long or ulong, ColumnType.Double) => ToDouble(value),
        (DateTime d, ColumnType.DateTime) => d,
        (DateOnly d, ColumnType.DateTime) => d.ToDateTime(TimeOnly.MinValue),
        (DateTime d, ColumnType.DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        (DateOnly d, ColumnType.DateTimeOffset) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
        (DateOnly d, ColumnType.DateOnly) => d,
        (TimeSpan t, ColumnType.TimeSpan) => t,
        (TimeSpan t, ColumnType.TimeOnly) => t >= TimeSpan.Zero && t.Ticks < TimeSpan.TicksPerDay ? TimeOnly.FromTimeSpan(t) : null,
        (decimal m, ColumnType.Decimal) => m,
        (string s, ColumnType.String) => s,
        (bool b, ColumnType.Boolean) => b,
        (Guid g, ColumnType.Guid) => g,
        (float or double or Half, ColumnType.Single or ColumnType.Double or ColumnType.Half) => value,
        (sbyte or byte or short or ushort or int or uint or long or ulong,
            ColumnType.SByte or ColumnType.Byte or ColumnType.Int16 or ColumnType.UInt16 or ColumnType.Int32 or ColumnType.UInt32 or ColumnType.Int64 or ColumnType.UInt64
            or ColumnType.Single or ColumnType.Double or ColumnType.Decimal) => value,
        _ => null,
    };

    private static float ToSingle(object integer) => integer switch
    {
        long v => v,
        ulong v => v,
        uint v => v,
        _ => Convert.ToInt32(integer, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static double ToDouble(object integer) => integer switch
    {
        long v => v,
        ulong v => v,
        _ => Convert.ToInt64(integer, System.Globalization.CultureInfo.InvariantCulture),
    };
}
