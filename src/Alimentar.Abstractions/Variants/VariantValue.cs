using System.Buffers.Binary;
using System.Text.Unicode;

namespace Alimentar.Variants;

/// <summary>
/// One encoded variant value: its first byte and what follows. <see cref="Check"/> walks a whole value once, so that
/// afterwards every read of a checked value, and of the values inside it, stays within its bytes.
/// </summary>
internal readonly ref struct VariantValue
{
    private readonly ReadOnlySpan<byte> _bytes;

    public VariantValue(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>The value's bytes (and any that follow it in its container).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The basic type: primitive, short string, object or array.</summary>
    public int BasicType => _bytes[0] & 0x03;

    /// <summary>The six header bits: a primitive's type id, a short string's length, a container's sizes.</summary>
    public int Header => _bytes[0] >> 2;

    /// <summary>A primitive's type id, with a short string counted as a string.</summary>
    public int PrimitiveType => BasicType == VariantFormat.ShortString ? VariantFormat.StringType : Header;

    /// <summary>The payload of a primitive: what follows its first byte.</summary>
    public ReadOnlySpan<byte> Payload => _bytes[1..];

    /// <summary>A string's UTF-8 bytes (short or long) or a binary's bytes.</summary>
    public ReadOnlySpan<byte> Text => BasicType == VariantFormat.ShortString
        ? _bytes.Slice(1, Header)
        : _bytes.Slice(5, BinaryPrimitives.ReadInt32LittleEndian(_bytes[1..]));

    /// <summary>How many fields an object, or elements an array, holds.</summary>
    public int Count => VariantFormat.ReadUnsigned(_bytes[1..], IsLarge ? 4 : 1);

    /// <summary>An object's field <paramref name="index"/>, in the stored order: its value, and its key's index in <paramref name="id"/>.</summary>
    public VariantValue Field(int index, out int id)
    {
        (int idSize, int offsetSize) = ObjectSizes;
        int count = Count;
        int ids = 1 + (IsLarge ? 4 : 1);
        int offsets = ids + (count * idSize);
        int values = offsets + ((count + 1) * offsetSize);
        id = VariantFormat.ReadUnsigned(_bytes[(ids + (index * idSize))..], idSize);
        int offset = VariantFormat.ReadUnsigned(_bytes[(offsets + (index * offsetSize))..], offsetSize);
        return new VariantValue(_bytes[(values + offset)..]);
    }

    /// <summary>An array's element <paramref name="index"/>.</summary>
    public VariantValue Element(int index)
    {
        int offsetSize = (Header & 0x03) + 1;
        int count = Count;
        int offsets = 1 + (IsLarge ? 4 : 1);
        int values = offsets + ((count + 1) * offsetSize);
        int offset = VariantFormat.ReadUnsigned(_bytes[(offsets + (index * offsetSize))..], offsetSize);
        return new VariantValue(_bytes[(values + offset)..]);
    }

    /// <summary>The value's own bytes, without what follows it in its container.</summary>
    public ReadOnlySpan<byte> Own => _bytes[..Size()];

    private bool IsLarge => BasicType switch
    {
        VariantFormat.Object => (Header & 0x10) != 0,
        VariantFormat.Array => (Header & 0x04) != 0,
        _ => false,
    };

    private (int IdSize, int OffsetSize) ObjectSizes => (((Header >> 2) & 0x03) + 1, (Header & 0x03) + 1);

    /// <summary>The length of a checked value.</summary>
    private int Size()
    {
        switch (BasicType)
        {
            case VariantFormat.ShortString:
                return 1 + Header;
            case VariantFormat.Primitive:
                return 1 + PayloadSize(Header, Payload);
            default:
                int count = Count;
                (int idSize, int offsetSize) = BasicType == VariantFormat.Object ? ObjectSizes : (0, (Header & 0x03) + 1);
                int offsets = 1 + (IsLarge ? 4 : 1) + (count * idSize);
                int values = offsets + ((count + 1) * offsetSize);
                return values + VariantFormat.ReadUnsigned(_bytes[(offsets + (count * offsetSize))..], offsetSize);
        }
    }

    /// <summary>Checks a whole value against its metadata and returns its length.</summary>
    /// <exception cref="FormatException">The bytes are not a variant value, or name a key the metadata lacks.</exception>
    public static int Check(ReadOnlySpan<byte> bytes, VariantMetadata metadata)
    {
        // Every value has a header byte of its own, so a well-formed value holds no more values than bytes. An object's
        // entries may point at the same bytes, though, and nested so they multiply: 221 bytes of them once stood for 10¹²
        // values, and checking them would have taken a day. Visits past the bytes are refused.
        int visits = bytes.Length;
        return CheckValue(bytes, metadata, depth: 0, ref visits);
    }

    private static int CheckValue(ReadOnlySpan<byte> bytes, VariantMetadata metadata, int depth, ref int visits)
    {
        if (bytes.IsEmpty)
        {
            throw new FormatException("A variant value ends before its header.");
        }

        if (depth > VariantFormat.MaxDepth)
        {
            throw new FormatException($"A variant value nests objects and arrays more than {VariantFormat.MaxDepth} deep.");
        }

        if (--visits < 0)
        {
            throw new FormatException("A variant value's entries share their bytes: it holds more values than bytes.");
        }

        var value = new VariantValue(bytes);
        switch (value.BasicType)
        {
            case VariantFormat.ShortString:
                Require(bytes, 1 + value.Header, "short string");
                RequireUtf8(bytes.Slice(1, value.Header));
                return 1 + value.Header;
            case VariantFormat.Primitive:
                int payload = PayloadSize(value.Header, value.Payload);
                Require(bytes, 1 + payload, $"primitive of type {value.Header}");
                if (value.Header == VariantFormat.StringType)
                {
                    RequireUtf8(value.Text);
                }

                return 1 + payload;
            default:
                return CheckContainer(value, metadata, depth, ref visits);
        }
    }

    private static int CheckContainer(VariantValue value, VariantMetadata metadata, int depth, ref int visits)
    {
        ReadOnlySpan<byte> bytes = value._bytes;
        bool isObject = value.BasicType == VariantFormat.Object;
        string what = isObject ? "object" : "array";
        int countSize = value.IsLarge ? 4 : 1;
        Require(bytes, 1 + countSize, what);
        long count = value.Count;
        (int idSize, int offsetSize) = isObject ? value.ObjectSizes : (0, (value.Header & 0x03) + 1);
        long offsets = 1 + countSize + (count * idSize);
        long values = offsets + ((count + 1) * offsetSize);
        if (values > bytes.Length)
        {
            throw new FormatException($"A variant {what} of {count} entries ends before their offsets.");
        }

        int total = VariantFormat.ReadUnsigned(bytes[(int)(offsets + (count * offsetSize))..], offsetSize);
        Require(bytes, values + total, what);
        ReadOnlySpan<byte> body = bytes.Slice((int)values, total);
        int previous = 0;
        for (int i = 0; i < count; i++)
        {
            int offset = VariantFormat.ReadUnsigned(bytes[(int)(offsets + (i * offsetSize))..], offsetSize);
            if (offset >= total)
            {
                throw new FormatException($"A variant {what}'s entry {i} starts past its {total} bytes of values.");
            }

            if (isObject)
            {
                // The format asks for keys in byte order, but DuckDB keeps an object's keys in the order they came: any
                // order reads, as long as each key is one the metadata holds.
                metadata.Name(VariantFormat.ReadUnsigned(bytes[(1 + countSize + (i * idSize))..], idSize));
            }
            else if (offset < previous)
            {
                throw new FormatException($"A variant array's element {i} starts before element {i - 1}.");
            }

            int size = CheckValue(body[offset..], metadata, depth + 1, ref visits);
            if (!isObject && i + 1 < count && offset + size > VariantFormat.ReadUnsigned(bytes[(int)(offsets + ((i + 1) * offsetSize))..], offsetSize))
            {
                throw new FormatException($"A variant array's element {i} runs into element {i + 1}.");
            }

            previous = offset;
        }

        return (int)values + total;
    }

    /// <summary>How many bytes follow a primitive's first byte; -1 for an unknown type.</summary>
    private static int PayloadSize(int type, ReadOnlySpan<byte> payload) => type switch
    {
        VariantFormat.NullType or VariantFormat.TrueType or VariantFormat.FalseType => 0,
        VariantFormat.Int8Type => 1,
        VariantFormat.Int16Type => 2,
        VariantFormat.Int32Type or VariantFormat.DateType or VariantFormat.FloatType => 4,
        VariantFormat.Int64Type or VariantFormat.DoubleType or VariantFormat.TimestampType or VariantFormat.TimestampNtzType
            or VariantFormat.TimeNtzType or VariantFormat.TimestampNanosType or VariantFormat.TimestampNtzNanosType => 8,
        VariantFormat.Decimal4Type => 5,
        VariantFormat.Decimal8Type => 9,
        VariantFormat.Decimal16Type => 17,
        VariantFormat.UuidType => 16,
        VariantFormat.BinaryType or VariantFormat.StringType => payload.Length < 4
            ? throw new FormatException("A variant string or binary ends before its length.")
            : 4 + (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(payload), int.MaxValue - 8),
        _ => throw new FormatException($"A variant value has primitive type {type}, which the format does not define."),
    };

    private static void Require(ReadOnlySpan<byte> bytes, long length, string what)
    {
        if (length > bytes.Length)
        {
            throw new FormatException($"A variant {what} needs {length} bytes where {bytes.Length} remain.");
        }
    }

    private static void RequireUtf8(ReadOnlySpan<byte> text)
    {
        if (!Utf8.IsValid(text))
        {
            throw new FormatException("A variant string is not UTF-8.");
        }
    }
}
