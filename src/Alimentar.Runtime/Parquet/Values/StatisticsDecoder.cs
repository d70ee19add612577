using System.Buffers.Binary;
using System.Text;

namespace Alimentar.Parquet.Values;

/// <summary>
/// Decodes a statistics value (a min or max as the footer stores it: the PLAIN bytes of one value) into
/// the value its logical type means: a TIMESTAMP into <see cref="DateTime"/>, a DATE into
/// <see cref="DateOnly"/>, a DECIMAL into <see cref="decimal"/>, UTF-8 into a string. Null when the bytes
/// do not fit the type, since statistics are optional and some writers store odd ones.
/// </summary>
internal static class StatisticsDecoder
{
    public static object? Decode(byte[]? raw, FileColumnType type)
    {
        if (raw is null)
        {
            return null;
        }

        try
        {
            return type.Physical switch
            {
                PhysicalType.Boolean when raw.Length >= 1 => raw[0] != 0,
                PhysicalType.Int32 when raw.Length >= 4 => FromInt32(BinaryPrimitives.ReadInt32LittleEndian(raw), type),
                PhysicalType.Int64 when raw.Length >= 8 => FromInt64(BinaryPrimitives.ReadInt64LittleEndian(raw), type),
                PhysicalType.Int96 when raw.Length == 12 => FromInt96(raw),
                PhysicalType.Float when raw.Length >= 4 => BinaryPrimitives.ReadSingleLittleEndian(raw),
                PhysicalType.Double when raw.Length >= 8 => BinaryPrimitives.ReadDoubleLittleEndian(raw),
                PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => FromBytes(raw, type),
                _ => null,
            };
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    private static object? FromInt32(int value, FileColumnType type) => type.Kind switch
    {
        FileValueKind.DateOnly => DateOnly.FromDayNumber(checked(719_162 + value)),
        FileValueKind.TimeMillis => TimeBound(value, TimeUnit.Millis),
        FileValueKind.Decimal => Scaled(value, type.Scale),
        FileValueKind.UInt32 => (uint)value,
        FileValueKind.UInt16 => (ushort)value,
        FileValueKind.Byte => (byte)value,
        _ => value,
    };

    private static object? FromInt64(long value, FileColumnType type) => type.Kind switch
    {
        FileValueKind.DateTime => Timestamp(value, type),
        FileValueKind.TimeMillis => TimeBound(value, TimeUnit.Millis),
        FileValueKind.TimeMicros => TimeBound(value, TimeUnit.Micros),
        FileValueKind.TimeNanos => TimeBound(value, TimeUnit.Nanos),
        FileValueKind.Decimal => Scaled(value, type.Scale),
        FileValueKind.UInt64 => (ulong)value,
        _ => value,
    };

    /// <summary>
    /// A TIME bound as the span it stores, which bounds the spans <see cref="TimeSpan"/> members read; a
    /// <see cref="TimeOnly"/> member takes it only within the day (see <c>ValueSummary</c>), since values outside it
    /// wrap into the day and the bounds no longer bound them.
    /// </summary>
    private static TimeSpan? TimeBound(long value, TimeUnit unit) =>
        ParquetTime.TryDuration(value, unit, out TimeSpan span) ? span : null;

    private static DateTime? Timestamp(long value, FileColumnType type) =>
        ParquetTime.TryTimestampTicks(value, type.Unit, out long ticks)
            ? new DateTime(ticks, type.IsAdjustedToUtc ? DateTimeKind.Utc : DateTimeKind.Unspecified)
            : null;

    private static DateTime? FromInt96(byte[] raw) =>
        ParquetTime.TryInt96Ticks(BinaryPrimitives.ReadInt64LittleEndian(raw), BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(8)), out long ticks)
            ? new DateTime(ticks)
            : null;

    private static object? FromBytes(byte[] raw, FileColumnType type) => type.Kind switch
    {
        FileValueKind.Utf8String => Encoding.UTF8.GetString(raw),
        FileValueKind.Guid when raw.Length == 16 => ParquetUuid.FromStoredBytes(raw),
        FileValueKind.Half when raw.Length == 2 => BinaryPrimitives.ReadHalfLittleEndian(raw),
        FileValueKind.Decimal => ParquetDecimal.TryFromBigEndian(raw, type.Scale, out decimal value) ? value : null,
        _ => raw,
    };

    /// <summary>A DECIMAL bound as a <see cref="decimal"/>; none for one beyond it, which no filter could compare.</summary>
    private static decimal? Scaled(long unscaled, int scale) =>
        ParquetDecimal.TryFromUnscaled(unscaled, scale, out decimal value) ? value : null;
}
