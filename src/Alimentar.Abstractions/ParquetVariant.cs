using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Alimentar.Variants;

namespace Alimentar;

/// <summary>
/// A semi-structured value of a Parquet VARIANT column (Spark 4, Databricks, DuckDB, Delta and Iceberg tables): any
/// JSON-like value, with dates, timestamps, decimals and bytes kept typed. A member of this type reads a VARIANT
/// column whether its files store it whole or shredded into typed columns; the value is the variant binary encoding
/// (a metadata dictionary of keys and a value), checked once when it is made.
/// </summary>
/// <example>
/// <code>
/// [StreamingDataset]
/// public sealed partial record Event(long Id, ParquetVariant? Payload);
///
/// foreach (Event e in dataset.Rows())
/// {
///     if (e.Payload is { } payload &amp;&amp; payload.TryGetProperty("user", out ParquetVariant user))
///     {
///         Console.WriteLine(user.ToJson());
///     }
/// }
/// </code>
/// </example>
/// <remarks>
/// <c>default(ParquetVariant)</c> is the variant null. Two variants are equal when their encodings are: the same
/// value encoded with its keys in another dictionary order compares unequal, so compare <see cref="ToJson"/> text
/// to compare values.
/// </remarks>
public readonly struct ParquetVariant : IEquatable<ParquetVariant>
{
    private static readonly byte[] NullValue = [VariantFormat.PrimitiveHeader(VariantFormat.NullType)];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Text stays readable (é, not \u00E9); the output is JSON for people and parsers, not for HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = VariantFormat.MaxDepth + 1,
    };

    /// <summary>The largest JSON buffer a thread keeps between calls; a larger one, for a rare huge variant, is let go.</summary>
    private const int LargestKeptBuffer = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly ReadOnlyMemory<byte> _metadata;
    private readonly ReadOnlyMemory<byte> _value;

    /// <summary>A variant from its encoding, checked through: every key it names is in the metadata, every length fits.</summary>
    /// <param name="metadata">The metadata: the dictionary of object keys.</param>
    /// <param name="value">The encoded value.</param>
    /// <exception cref="FormatException">The bytes are not a variant.</exception>
    public ParquetVariant(ReadOnlyMemory<byte> metadata, ReadOnlyMemory<byte> value)
    {
        if (value.IsEmpty)
        {
            throw new FormatException("A variant value has at least one byte.");
        }

        int length = VariantValue.Check(value.Span, VariantMetadata.Parse(metadata.Span));
        _metadata = metadata;
        _value = value[..length];
    }

    /// <summary>A value inside a checked variant, sharing its metadata, or one put together from checked parts: no second check.</summary>
    private ParquetVariant(ReadOnlyMemory<byte> metadata, ReadOnlyMemory<byte> value, bool _)
    {
        _metadata = metadata;
        _value = value;
    }

    /// <summary>A variant the runtime put back together from a shredded one's checked parts with <see cref="VariantWriter"/>.</summary>
    internal static ParquetVariant Assembled(ReadOnlyMemory<byte> metadata, ReadOnlyMemory<byte> value) => new(metadata, value, true);

    /// <summary>The variant null.</summary>
    public static ParquetVariant Null => default;

    /// <summary>The metadata: the dictionary of object keys (empty for <see cref="Null"/>).</summary>
    public ReadOnlyMemory<byte> Metadata => _metadata;

    /// <summary>The encoded value.</summary>
    public ReadOnlyMemory<byte> Value => _value.IsEmpty ? NullValue : _value;

    /// <summary>What the variant holds.</summary>
    public VariantKind Kind
    {
        get
        {
            var value = new VariantValue(Value.Span);
            return value.BasicType switch
            {
                VariantFormat.ShortString => VariantKind.String,
                VariantFormat.Object => VariantKind.Object,
                VariantFormat.Array => VariantKind.Array,
                _ => value.Header switch
                {
                    VariantFormat.NullType => VariantKind.Null,
                    VariantFormat.TrueType or VariantFormat.FalseType => VariantKind.Boolean,
                    >= VariantFormat.Int8Type and <= VariantFormat.Int64Type => VariantKind.Integer,
                    VariantFormat.DoubleType => VariantKind.Double,
                    VariantFormat.FloatType => VariantKind.Float,
                    >= VariantFormat.Decimal4Type and <= VariantFormat.Decimal16Type => VariantKind.Decimal,
                    VariantFormat.DateType => VariantKind.Date,
                    VariantFormat.TimestampType or VariantFormat.TimestampNanosType => VariantKind.Timestamp,
                    VariantFormat.TimestampNtzType or VariantFormat.TimestampNtzNanosType => VariantKind.LocalTimestamp,
                    VariantFormat.TimeNtzType => VariantKind.Time,
                    VariantFormat.BinaryType => VariantKind.Binary,
                    VariantFormat.StringType => VariantKind.String,
                    _ => VariantKind.Uuid,
                },
            };
        }
    }

    /// <summary>Encodes JSON as a variant: integers as integers, numbers with a point (up to 38 digits) as exact decimals, others as doubles.</summary>
    /// <param name="json">A JSON value.</param>
    /// <returns>The variant.</returns>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="FormatException">An object holds a key twice.</exception>
    public static ParquetVariant FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        (byte[] metadata, byte[] value) = VariantJsonParser.Parse(json);
        return new ParquetVariant(metadata, value);
    }

    /// <summary>The variant as JSON; dates, times and timestamps as ISO 8601 text, bytes as base64, decimals exactly.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        // One buffer and writer per thread, reset for each call: a loop over a batch's variants allocates its strings only.
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        WriteTo(writer);
        writer.Flush();
        string json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > LargestKeptBuffer)
        {
            (t_buffer, t_writer) = (null, null);
        }

        return json;
    }

    /// <summary>Writes the variant as JSON (see <see cref="ToJson"/>).</summary>
    /// <param name="writer">Where to write it.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        VariantJson.Write(writer, new VariantValue(Value.Span), VariantMetadata.Parse(_metadata.Span, trusted: true));
    }

    /// <summary>An object's field by name.</summary>
    /// <param name="name">The key.</param>
    /// <param name="value">The field's value, when the variant is an object that has the key.</param>
    /// <returns>Whether it has.</returns>
    public bool TryGetProperty(string name, out ParquetVariant value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = default;
        var self = new VariantValue(Value.Span);
        if (self.BasicType != VariantFormat.Object)
        {
            return false;
        }

        VariantMetadata metadata = VariantMetadata.Parse(_metadata.Span, trusted: true);
        int longest = Encoding.UTF8.GetMaxByteCount(name.Length);
        Span<byte> utf8 = longest <= 256 ? stackalloc byte[256] : new byte[longest];
        int id = metadata.Find(utf8[..Encoding.UTF8.GetBytes(name, utf8)]);
        if (id < 0)
        {
            return false;
        }

        for (int i = 0, count = self.Count; i < count; i++)
        {
            VariantValue field = self.Field(i, out int fieldId);
            if (fieldId == id)
            {
                value = Inner(field);
                return true;
            }
        }

        return false;
    }

    /// <summary>How many elements an array holds.</summary>
    /// <returns>The count.</returns>
    /// <exception cref="InvalidOperationException">The variant is not an array.</exception>
    public int GetArrayLength() => Require(VariantKind.Array).Count;

    /// <summary>An array's element.</summary>
    /// <param name="index">Counting from zero.</param>
    /// <returns>The element.</returns>
    /// <exception cref="InvalidOperationException">The variant is not an array.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The array has no such element.</exception>
    public ParquetVariant GetArrayElement(int index)
    {
        VariantValue self = Require(VariantKind.Array);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, self.Count);
        return Inner(self.Element(index));
    }

    /// <summary>A boolean's value.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The variant is not a boolean.</exception>
    public bool GetBoolean() => Require(VariantKind.Boolean).Header == VariantFormat.TrueType;

    /// <summary>An integer's value, whatever its width.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The variant is not an integer.</exception>
    public long GetInt64()
    {
        VariantValue value = Require(VariantKind.Integer);
        ReadOnlySpan<byte> payload = value.Payload;
        return value.Header switch
        {
            VariantFormat.Int8Type => (sbyte)payload[0],
            VariantFormat.Int16Type => BinaryPrimitives.ReadInt16LittleEndian(payload),
            VariantFormat.Int32Type => BinaryPrimitives.ReadInt32LittleEndian(payload),
            _ => BinaryPrimitives.ReadInt64LittleEndian(payload),
        };
    }

    /// <summary>A number's value as a double: a float, a double, an integer or a decimal (rounded to the nearest double).</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The variant is not a number.</exception>
    public double GetDouble()
    {
        var value = new VariantValue(Value.Span);
        return Kind switch
        {
            VariantKind.Double => BinaryPrimitives.ReadDoubleLittleEndian(value.Payload),
            VariantKind.Float => BinaryPrimitives.ReadSingleLittleEndian(value.Payload),
            VariantKind.Integer => GetInt64(),
            VariantKind.Decimal => double.Parse(VariantJson.DecimalText(value), System.Globalization.CultureInfo.InvariantCulture),
            _ => throw NotA("number"),
        };
    }

    /// <summary>A string's text.</summary>
    /// <returns>The text.</returns>
    /// <exception cref="InvalidOperationException">The variant is not a string.</exception>
    public string GetString() => Encoding.UTF8.GetString(Require(VariantKind.String).Text);

    /// <summary>A binary's bytes.</summary>
    /// <returns>A copy of the bytes.</returns>
    /// <exception cref="InvalidOperationException">The variant is not a binary.</exception>
    public byte[] GetBytes() => Require(VariantKind.Binary).Text.ToArray();

    /// <summary>An exact decimal's value, or an integer's.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The variant is not a decimal or an integer.</exception>
    /// <exception cref="OverflowException">A 38-digit decimal beyond what <see cref="decimal"/> holds.</exception>
    public decimal GetDecimal() => Kind switch
    {
        VariantKind.Integer => GetInt64(),
        VariantKind.Decimal => decimal.Parse(VariantJson.DecimalText(new VariantValue(Value.Span)), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw NotA("decimal"),
    };

    /// <summary>A date's value.</summary>
    /// <returns>The date.</returns>
    /// <exception cref="InvalidOperationException">The variant is not a date.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date outside the years 1 to 9999.</exception>
    public DateOnly GetDate() => DateOnly.FromDayNumber(checked(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + BinaryPrimitives.ReadInt32LittleEndian(Require(VariantKind.Date).Payload)));

    /// <summary>
    /// A timestamp's value: <see cref="DateTimeKind.Utc"/> for an instant, <see cref="DateTimeKind.Unspecified"/> for a
    /// wall-clock time; nanoseconds below a tick are dropped.
    /// </summary>
    /// <returns>The timestamp.</returns>
    /// <exception cref="InvalidOperationException">The variant is not a timestamp.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A timestamp outside the years 1 to 9999.</exception>
    public DateTime GetDateTime()
    {
        VariantKind kind = Kind;
        if (kind is not (VariantKind.Timestamp or VariantKind.LocalTimestamp))
        {
            throw NotA("timestamp");
        }

        var value = new VariantValue(Value.Span);
        long count = BinaryPrimitives.ReadInt64LittleEndian(value.Payload);
        long ticks = value.Header is VariantFormat.TimestampNanosType or VariantFormat.TimestampNtzNanosType
            ? Math.DivRem(count, 100, out long below) - (below < 0 ? 1 : 0)
            : checked(count * 10);
        return new DateTime(checked(DateTime.UnixEpoch.Ticks + ticks), kind == VariantKind.Timestamp ? DateTimeKind.Utc : DateTimeKind.Unspecified);
    }

    /// <summary>A time of day's value.</summary>
    /// <returns>The time.</returns>
    /// <exception cref="InvalidOperationException">The variant is not a time.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A time outside the day.</exception>
    public TimeOnly GetTime() => new(checked(BinaryPrimitives.ReadInt64LittleEndian(Require(VariantKind.Time).Payload) * 10));

    /// <summary>A UUID's value.</summary>
    /// <returns>The UUID.</returns>
    /// <exception cref="InvalidOperationException">The variant is not a UUID.</exception>
    public Guid GetGuid() => new(Require(VariantKind.Uuid).Payload[..16], bigEndian: true);

    /// <summary>An object's fields, in the order stored (by key).</summary>
    /// <returns>Each key and its value.</returns>
    /// <exception cref="InvalidOperationException">The variant is not an object.</exception>
    public IReadOnlyList<KeyValuePair<string, ParquetVariant>> EnumerateObject()
    {
        VariantValue self = Require(VariantKind.Object);
        VariantMetadata metadata = VariantMetadata.Parse(_metadata.Span, trusted: true);
        var fields = new KeyValuePair<string, ParquetVariant>[self.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            VariantValue field = self.Field(i, out int id);
            fields[i] = new(Encoding.UTF8.GetString(metadata.Name(id)), Inner(field));
        }

        return fields;
    }

    /// <summary>An array's elements.</summary>
    /// <returns>The elements, in order.</returns>
    /// <exception cref="InvalidOperationException">The variant is not an array.</exception>
    public IReadOnlyList<ParquetVariant> EnumerateArray()
    {
        VariantValue self = Require(VariantKind.Array);
        var elements = new ParquetVariant[self.Count];
        for (int i = 0; i < elements.Length; i++)
        {
            elements[i] = Inner(self.Element(i));
        }

        return elements;
    }

    /// <summary>The variant as JSON (<see cref="ToJson"/>).</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => ToJson();

    /// <inheritdoc />
    public bool Equals(ParquetVariant other) =>
        _metadata.Span.SequenceEqual(other._metadata.Span) && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ParquetVariant other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_metadata.Span);
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }

    /// <summary>Whether two variants have the same encoding.</summary>
    /// <param name="left">A variant.</param>
    /// <param name="right">Another.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(ParquetVariant left, ParquetVariant right) => left.Equals(right);

    /// <summary>Whether two variants differ in their encoding.</summary>
    /// <param name="left">A variant.</param>
    /// <param name="right">Another.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(ParquetVariant left, ParquetVariant right) => !left.Equals(right);

    private ParquetVariant Inner(VariantValue inner)
    {
        int offset = Value.Length - inner.Bytes.Length;
        return new ParquetVariant(_metadata, Value.Slice(offset, inner.Own.Length), true);
    }

    private VariantValue Require(VariantKind kind) =>
        Kind == kind ? new VariantValue(Value.Span) : throw NotA(kind.ToString().ToLowerInvariant());

    private InvalidOperationException NotA(string what) =>
        new($"The variant holds {Kind.ToString().ToLowerInvariant()}, not {(what is "array" or "object" or "integer" ? "an" : "a")} {what}.");
}
