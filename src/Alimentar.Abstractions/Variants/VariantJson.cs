using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Alimentar.Variants;

/// <summary>
/// Writes a checked variant value as JSON. Types JSON lacks become text in ISO 8601 (dates, times, timestamps:
/// <c>Z</c> for an instant, no offset for a wall-clock time), base64 (binary) or their usual form (UUIDs); decimals
/// keep their digits and scale exactly, and NaN and the infinities, which JSON numbers cannot hold, become strings.
/// </summary>
internal static class VariantJson
{
    public static void Write(Utf8JsonWriter writer, VariantValue value, VariantMetadata metadata)
    {
        switch (value.BasicType)
        {
            case VariantFormat.ShortString:
                writer.WriteStringValue(value.Text);
                return;
            case VariantFormat.Object:
                writer.WriteStartObject();
                for (int i = 0, count = value.Count; i < count; i++)
                {
                    VariantValue field = value.Field(i, out int id);
                    writer.WritePropertyName(metadata.Name(id));
                    Write(writer, field, metadata);
                }

                writer.WriteEndObject();
                return;
            case VariantFormat.Array:
                writer.WriteStartArray();
                for (int i = 0, count = value.Count; i < count; i++)
                {
                    Write(writer, value.Element(i), metadata);
                }

                writer.WriteEndArray();
                return;
        }

        ReadOnlySpan<byte> payload = value.Payload;
        switch (value.Header)
        {
            case VariantFormat.NullType: writer.WriteNullValue(); break;
            case VariantFormat.TrueType: writer.WriteBooleanValue(true); break;
            case VariantFormat.FalseType: writer.WriteBooleanValue(false); break;
            case VariantFormat.Int8Type: writer.WriteNumberValue((sbyte)payload[0]); break;
            case VariantFormat.Int16Type: writer.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(payload)); break;
            case VariantFormat.Int32Type: writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(payload)); break;
            case VariantFormat.Int64Type: writer.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(payload)); break;
            case VariantFormat.DoubleType: WriteFloating(writer, BinaryPrimitives.ReadDoubleLittleEndian(payload)); break;
            case VariantFormat.FloatType: WriteFloating(writer, BinaryPrimitives.ReadSingleLittleEndian(payload)); break;
            case VariantFormat.Decimal4Type or VariantFormat.Decimal8Type or VariantFormat.Decimal16Type:
                WriteDecimal(writer, value);
                break;
            case VariantFormat.DateType:
                writer.WriteStringValue(DateText(BinaryPrimitives.ReadInt32LittleEndian(payload)));
                break;
            case VariantFormat.TimestampType or VariantFormat.TimestampNtzType:
                writer.WriteStringValue(TimestampText(BinaryPrimitives.ReadInt64LittleEndian(payload), 1_000, value.Header == VariantFormat.TimestampType));
                break;
            case VariantFormat.TimestampNanosType or VariantFormat.TimestampNtzNanosType:
                writer.WriteStringValue(TimestampText(BinaryPrimitives.ReadInt64LittleEndian(payload), 1, value.Header == VariantFormat.TimestampNanosType));
                break;
            case VariantFormat.TimeNtzType:
                writer.WriteStringValue(TimeText(BinaryPrimitives.ReadInt64LittleEndian(payload)));
                break;
            case VariantFormat.BinaryType: writer.WriteBase64StringValue(value.Text); break;
            case VariantFormat.StringType: writer.WriteStringValue(value.Text); break;
            case VariantFormat.UuidType: writer.WriteStringValue(new Guid(payload[..16], bigEndian: true).ToString()); break;
            default: throw new FormatException($"A variant value has primitive type {value.Header}, which the format does not define.");
        }
    }

    // Apart from Write, which calls itself for every container, so that its frames stay small.
    private static void WriteDecimal(Utf8JsonWriter writer, VariantValue value)
    {
        Span<byte> text = stackalloc byte[MostDecimalBytes];
        writer.WriteRawValue(text[..DecimalUtf8(value, text)], skipInputValidation: true);
    }

    private static void WriteFloating(Utf8JsonWriter writer, double number)
    {
        if (double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void WriteFloating(Utf8JsonWriter writer, float number)
    {
        if (float.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// The most UTF-8 bytes <see cref="DecimalUtf8"/> writes: a sign, "0.", the zeros of the largest scale a byte holds
    /// (a damaged value's too; the format's own stop at 38) and 39 digits.
    /// </summary>
    public const int MostDecimalBytes = 3 + byte.MaxValue + 39;

    /// <summary>A decimal's unscaled integer and scale as exact text: <c>1.50</c> stays <c>1.50</c>.</summary>
    public static string DecimalText(VariantValue value)
    {
        Span<byte> text = stackalloc byte[MostDecimalBytes];
        return Encoding.UTF8.GetString(text[..DecimalUtf8(value, text)]);
    }

    /// <summary>
    /// Writes <see cref="DecimalText"/> as UTF-8 into <paramref name="destination"/> (at least <see cref="MostDecimalBytes"/>
    /// long) and returns the bytes written: JSON takes it as it is, with no string per value.
    /// </summary>
    public static int DecimalUtf8(VariantValue value, Span<byte> destination)
    {
        ReadOnlySpan<byte> payload = value.Payload;
        int scale = payload[0];
        Int128 unscaled = value.Header switch
        {
            VariantFormat.Decimal4Type => BinaryPrimitives.ReadInt32LittleEndian(payload[1..]),
            VariantFormat.Decimal8Type => BinaryPrimitives.ReadInt64LittleEndian(payload[1..]),
            _ => BinaryPrimitives.ReadInt128LittleEndian(payload[1..]),
        };

        // The magnitude as unsigned, so that the least Int128 has one too.
        UInt128 magnitude = unscaled < 0 ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;
        Span<byte> digits = stackalloc byte[40];
        magnitude.TryFormat(digits, out int count, default, CultureInfo.InvariantCulture);
        int written = 0;
        if (unscaled < 0)
        {
            destination[written++] = (byte)'-';
        }

        int whole = count - scale;
        if (scale == 0)
        {
            digits[..count].CopyTo(destination[written..]);
            return written + count;
        }

        if (whole <= 0)
        {
            // Fewer digits than the scale: "0." and the zeros the digits start after.
            destination[written++] = (byte)'0';
            destination[written++] = (byte)'.';
            destination.Slice(written, -whole).Fill((byte)'0');
            written += -whole;
            digits[..count].CopyTo(destination[written..]);
            return written + count;
        }

        digits[..whole].CopyTo(destination[written..]);
        written += whole;
        destination[written++] = (byte)'.';
        digits[whole..count].CopyTo(destination[written..]);
        return written + scale;
    }

    public static string DateText(int days) =>
        days is >= -719_162 and <= 2_932_896
            ? DateOnly.FromDayNumber(719_162 + days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : days.ToString(CultureInfo.InvariantCulture);

    /// <summary>A timestamp counted in units of <paramref name="nanosPerUnit"/> nanoseconds since the Unix epoch.</summary>
    public static string TimestampText(long count, long nanosPerUnit, bool utc)
    {
        long seconds = Math.DivRem(count, 1_000_000_000 / nanosPerUnit, out long fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000_000 / nanosPerUnit;
        }

        const long minSeconds = -62_135_596_800;
        const long maxSeconds = 253_402_300_799;
        if (seconds is < minSeconds or > maxSeconds)
        {
            return count.ToString(CultureInfo.InvariantCulture);
        }

        DateTime whole = DateTime.UnixEpoch.AddSeconds(seconds);
        string text = whole.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(fraction * nanosPerUnit);
        return utc ? text + "Z" : text;
    }

    /// <summary>A time of day in microseconds since midnight.</summary>
    public static string TimeText(long micros)
    {
        if (micros is < 0 or >= 86_400_000_000)
        {
            return micros.ToString(CultureInfo.InvariantCulture);
        }

        var time = new TimeOnly(micros * 10);
        return time.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(micros % 1_000_000 * 1_000);
    }

    /// <summary>Nanoseconds of a second as <c>.5</c> or <c>.123456789</c>; empty for none.</summary>
    private static string Fraction(long nanos) =>
        nanos == 0 ? string.Empty : "." + nanos.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
}
